// Package scalar holds the GraphQL marshallers for Tulkki's custom scalars,
// so the domain types stay free of wire concerns.
package scalar

import (
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// MarshalDate writes a date as "YYYY-MM-DD".
func MarshalDate(d model.Date) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(d.String()))
	})
}

// UnmarshalDate reads a "YYYY-MM-DD" string.
func UnmarshalDate(v any) (model.Date, error) {
	s, ok := v.(string)
	if !ok {
		return model.Date{}, errs.Invalid("", "a Date must be a string of the form YYYY-MM-DD, got %T", v)
	}
	d, err := model.ParseDate(s)
	if err != nil {
		return model.Date{}, errs.Invalid("", "%q is not a date of the form YYYY-MM-DD", s)
	}
	return d, nil
}
