package importer

import (
	"fmt"
	"strings"

	"github.com/tulkki/tulkki/internal/errs"
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
// message for the coordinator who made the file.
type Problem struct {
	File    string
	Line    int
	Column  string
	Code    string
	Message string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ": column %s", p.Column)
	}
	fmt.Fprintf(&b, ": %s [%s]", p.Message, p.Code)
	return b.String()
}

// InvalidError is the error of an import with problems: nothing was
// written. It is an errs.ErrInvalidInput.
type InvalidError struct {
	Problems []Problem
}

func (e *InvalidError) Error() string {
	if len(e.Problems) == 1 {
		return "the import has a problem, nothing was written: " + e.Problems[0].String()
	}
	return fmt.Sprintf("the import has %d problems, nothing was written; the first: %s", len(e.Problems), e.Problems[0])
}

// Unwrap makes it an invalid input.
func (e *InvalidError) Unwrap() error { return errs.ErrInvalidInput }

// Details lists the problems for the API (errs.Detailed):
// extensions.problems, each with file, line, column, code and message.
func (e *InvalidError) Details() map[string]any {
	list := make([]map[string]any, len(e.Problems))
	for i, p := range e.Problems {
		list[i] = map[string]any{"file": p.File, "line": p.Line, "column": p.Column, "code": p.Code, "message": p.Message}
	}
	return map[string]any{"problems": list}
}
