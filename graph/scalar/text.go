package scalar

import (
	"context"
	"fmt"
	"io"

	"github.com/99designs/gqlgen/graphql"

	"github.com/tulkki/tulkki/internal/i18n"
)

// MarshalText writes a String field the domain gives as a message key with
// arguments (explanations, evidence summaries), worded in the language of
// the request (i18n.LangOf: the Accept-Language header, set by the HTTP
// edge). The domain never sees the language.
func MarshalText(t i18n.Text) graphql.ContextMarshaler {
	return graphql.ContextWriterFunc(func(ctx context.Context, w io.Writer) error {
		graphql.MarshalString(t.In(i18n.LangOf(ctx))).MarshalGQL(w)
		return nil
	})
}

// UnmarshalText takes a String argument as a text with no translation; no
// input is declared with it, it only completes the pair gqlgen asks for.
func UnmarshalText(_ context.Context, v any) (i18n.Text, error) {
	s, ok := v.(string)
	if !ok {
		return i18n.Text{}, fmt.Errorf("a String must be a string, got %T", v)
	}
	return i18n.Plain(s), nil
}
