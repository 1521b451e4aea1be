// Package validate checks and normalises user input. Every function returns
// an errs.Invalid error naming the input field, so the API can tell the
// user exactly what to fix.
package validate

import (
	"encoding/base64"
	"encoding/json"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// Length limits, in characters.
const (
	MaxName        = 200
	MaxHeadline    = 300
	MaxRegion      = 100
	MaxRoleTitle   = 200
	MaxDescription = 5000
	MaxNote        = 2000
	// MaxCollaborationNote is a collaboration note or decision: minutes
	// of a meeting, an agreement's terms.
	MaxCollaborationNote = 10000
	MaxSearch            = 200
	MaxURL               = 500
	MaxIDs               = 100
)

// Page size limits of list queries.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Name trims s and requires 1..max characters of printable text.
func Name(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errs.Invalid(field, "%s must not be empty", field)
	}
	return Text(field, s, max)
}

// Text trims s and requires at most max characters and no control
// characters other than line breaks and tabs. Empty is fine.
func Text(field, s string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > max {
		return "", errs.Invalid(field, "%s is %d characters long; the limit is %d", field, n, max)
	}
	if !utf8.ValidString(s) || strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r'
	}) >= 0 {
		return "", errs.Invalid(field, "%s contains control characters", field)
	}
	return s, nil
}

// OptionalText is Text for an optional input: nil stays nil.
func OptionalText(field string, s *string, max int) (*string, error) {
	if s == nil {
		return nil, nil
	}
	v, err := Text(field, *s, max)
	return &v, err
}

var languageCode = regexp.MustCompile(`^[a-z]{2,3}$`)

// Languages lower-cases, de-duplicates and checks ISO 639 codes ("fi", "sv").
func Languages(field string, codes []string) ([]string, error) {
	out := make([]string, 0, len(codes))
	for _, c := range codes {
		c = strings.ToLower(strings.TrimSpace(c))
		if !languageCode.MatchString(c) {
			return nil, errs.Invalid(field, "%q is not an ISO 639 language code such as fi, sv or en", c)
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if len(out) > 20 {
		return nil, errs.Invalid(field, "at most 20 languages")
	}
	return out, nil
}

// Website requires an absolute http(s) URL, or empty.
func Website(field, s string) (string, error) {
	s, err := Text(field, s, MaxURL)
	if err != nil || s == "" {
		return s, err
	}
	u, perr := url.Parse(s)
	if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errs.Invalid(field, "%q is not an http or https address", s)
	}
	return s, nil
}

// Email requires a plain address (no display name), or empty.
func Email(field, s string) (string, error) {
	s, err := Text(field, s, MaxName)
	if err != nil || s == "" {
		return s, err
	}
	addr, perr := mail.ParseAddress(s)
	if perr != nil || addr.Address != s {
		return "", errs.Invalid(field, "%s is not a valid e-mail address", field)
	}
	return s, nil
}

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ()-]{4,28}$`)

// Phone requires digits with optional +, spaces, dashes and brackets, or empty.
func Phone(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s != "" && !phonePattern.MatchString(s) {
		return "", errs.Invalid(field, "%s must be a phone number such as +358 40 123 4567", field)
	}
	return s, nil
}

// Date requires a plausible calendar year.
func Date(field string, d model.Date) error {
	if d.Year < 1900 || d.Year > 2100 {
		return errs.Invalid(field, "%s %s is outside the years 1900–2100", field, d)
	}
	return nil
}

// DateRange checks both dates and that end, when given, is not before start.
func DateRange(start *model.Date, end *model.Date) error {
	if start != nil {
		if err := Date("startDate", *start); err != nil {
			return err
		}
	}
	if end != nil {
		if err := Date("endDate", *end); err != nil {
			return err
		}
	}
	if start != nil && end != nil && end.Before(*start) {
		return errs.Invalid("endDate", "endDate %s is before startDate %s", end, start)
	}
	return nil
}

// Cursor checks that an `after` argument is a cursor Tulkki could have
// made (URL-safe base64 of a JSON object); nil and empty are no cursor.
func Cursor(field string, after *string) error {
	if after == nil || *after == "" {
		return nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*after)
	if err != nil || !json.Valid(raw) || !strings.HasPrefix(string(raw), "{") {
		return errs.Invalid(field, "the cursor %q is malformed; pass a cursor from an earlier page", *after)
	}
	return nil
}

// PageSize resolves a `first` argument: default when absent, 1..MaxPageSize.
func PageSize(first *int) (int, error) {
	if first == nil {
		return DefaultPageSize, nil
	}
	if *first < 1 || *first > MaxPageSize {
		return 0, errs.Invalid("first", "first must be between 1 and %d, got %d", MaxPageSize, *first)
	}
	return *first, nil
}

// IDs trims and de-duplicates a list of ids and caps its length.
func IDs(field string, ids []string) ([]string, error) {
	if len(ids) > MaxIDs {
		return nil, errs.Invalid(field, "at most %d ids, got %d", MaxIDs, len(ids))
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" {
			return nil, errs.Invalid(field, "%s must not contain empty ids", field)
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

// Search trims a free-text search; blank means no search.
func Search(s *string) (string, error) {
	if s == nil {
		return "", nil
	}
	return Text("search", *s, MaxSearch)
}

// OneOf checks that v is one of valid (enum values arriving as strings).
func OneOf[T ~string](field string, v T, valid []T) error {
	if !slices.Contains(valid, v) {
		return errs.Invalid(field, "%q is not a valid %s", v, field)
	}
	return nil
}

// OptionalOneOf is OneOf for an optional filter: the empty value (not
// given) passes.
func OptionalOneOf[T ~string](field string, v T, valid []T) error {
	if v == "" {
		return nil
	}
	return OneOf(field, v, valid)
}

// isoDuration is an ISO 8601 duration with whole numbers: PnYnMnWnDTnHnMnS,
// every part optional, at least one given.
var isoDuration = regexp.MustCompile(`^P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,7})H)?(?:(\d{1,9})M)?(?:(\d{1,10})S)?)?$`)

// PositiveDuration checks that s is a positive ISO 8601 duration with
// whole numbers (P30D, P6W, P3M, PT12H, P1Y2M) and returns it upper-cased,
// ready for Cypher's duration().
func PositiveDuration(field, s string) (string, error) {
	d := strings.ToUpper(strings.TrimSpace(s))
	m := isoDuration.FindStringSubmatch(d)
	if m == nil || strings.HasSuffix(d, "T") {
		return "", errs.Invalid(field, "%s must be an ISO 8601 duration such as P30D, P6W, P3M or PT12H, got %q", field, s)
	}
	for _, part := range m[1:] {
		if strings.Trim(part, "0") != "" {
			return d, nil
		}
	}
	return "", errs.Invalid(field, "%s must be a positive duration, got %q", field, s)
}
