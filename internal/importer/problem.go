package importer

import (
	"fmt"
	"strings"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
)

// The codes of import problems (Problem.Code).
const (
	CodeFileTooLarge   = "FILE_TOO_LARGE"
	CodeEncoding       = "ENCODING"
	CodeBadCSV         = "BAD_CSV"
	CodeUnknownFile    = "UNKNOWN_FILE"
	CodeUnknownColumn  = "UNKNOWN_COLUMN"
	CodeMissingColumn  = "MISSING_COLUMN"
	CodeDuplicateCol   = "DUPLICATE_COLUMN"
	CodeRequired       = "REQUIRED"
	CodeBadValue       = "BAD_VALUE"
	CodeBadDate        = "BAD_DATE"
	CodeDateInFuture   = "DATE_IN_FUTURE"
	CodeEndBeforeStart = "END_BEFORE_START"
	CodeDuplicateID    = "DUPLICATE_ID"
	CodeDuplicateName  = "DUPLICATE_NAME"
	CodeNameTaken      = "NAME_TAKEN"
	CodeUnknownRef     = "UNKNOWN_REFERENCE"
	CodeTooManyRows    = "TOO_MANY_ROWS"
)

// Problem is one thing wrong with an import: where (file, line, column;
// line 0 is the whole file, "" no particular column), a code and a
// message for the coordinator who made the file, worded in the reader's
// language (internal/i18n) by whoever shows it: the API in the request's,
// tulkki import in the one --lang names.
type Problem struct {
	File    string
	Line    int
	Column  string
	Code    string
	Message i18n.Text
}

// problemAt is the problem at (file, line and column) with code and the
// message format with args.
func problemAt(at Problem, code, format string, args ...any) Problem {
	at.Code, at.Message = code, i18n.T(format, args...)
	return at
}

// In is the problem as one line in l: "people.csv:14: column email: ...
// [BAD_VALUE]".
func (p Problem) In(l i18n.Lang) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ": %s", i18n.T("column %s", p.Column).In(l))
	}
	fmt.Fprintf(&b, ": %s [%s]", p.Message.In(l), p.Code)
	return b.String()
}

// String is the problem in English.
func (p Problem) String() string { return p.In(i18n.EN) }

// InvalidError is the error of an import with problems: nothing was
// written. It is an errs.ErrInvalidInput.
type InvalidError struct {
	Problems []Problem
}

// In is the error's message in l (i18n.Wordable: the API words it in the
// request's language).
func (e *InvalidError) In(l i18n.Lang) string {
	if len(e.Problems) == 1 {
		return i18n.T("the import has a problem, nothing was written: %s", e.Problems[0].In(l)).In(l)
	}
	return i18n.T("the import has %d problems, nothing was written; the first: %s", len(e.Problems), e.Problems[0].In(l)).In(l)
}

func (e *InvalidError) Error() string { return e.In(i18n.EN) }

// Unwrap makes it an invalid input.
func (e *InvalidError) Unwrap() error { return errs.ErrInvalidInput }

// Details lists the problems for the API (errs.Detailed), worded in l:
// extensions.problems, each with file, line, column, code and message.
func (e *InvalidError) Details(l i18n.Lang) map[string]any {
	list := make([]map[string]any, len(e.Problems))
	for i, p := range e.Problems {
		list[i] = map[string]any{"file": p.File, "line": p.Line, "column": p.Column, "code": p.Code, "message": p.Message.In(l)}
	}
	return map[string]any{"problems": list}
}
