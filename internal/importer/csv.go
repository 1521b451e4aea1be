package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tulkki/tulkki/internal/i18n"
)

// DefaultMaxFileBytes is the largest file an import reads unless told
// otherwise (TULKKI_IMPORT_MAX_BYTES, --max-bytes).
const DefaultMaxFileBytes = 50 << 20

// File is one uploaded or named CSV file.
type File struct {
	Name string
	Body io.Reader
}

// table is a CSV file read into rows: its header (normalised column names,
// "" for an empty header cell) and each data row with its line number.
type table struct {
	file   string
	header []string
	rows   []row
}

type row struct {
	line   int
	fields []string
}

// readTable reads a spreadsheet's CSV export: UTF-8 with or without a byte
// order mark, ';' or ',' as delimiter (whichever the header line has more
// of outside quotes), quoted fields with newlines. Rows with only empty
// fields are skipped. Problems (size, encoding, malformed CSV) are
// returned, not errors: the caller lists them with those of other files.
func readTable(name string, body io.Reader, maxBytes int64) (*table, []Problem) {
	data, err := io.ReadAll(io.LimitReader(body, maxBytes+1))
	if err != nil {
		return nil, []Problem{problemAt(Problem{File: name}, CodeBadCSV, "the file could not be read: %s", err.Error())}
	}
	if int64(len(data)) > maxBytes {
		return nil, []Problem{problemAt(Problem{File: name}, CodeFileTooLarge,
			"the file is larger than the limit of %s; split it into smaller files", humanBytes(maxBytes))}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return nil, []Problem{problemAt(Problem{File: name, Line: line}, CodeEncoding,
			"the file is not UTF-8 text (perhaps Windows-1252 or ISO-8859-1); save it as \"CSV UTF-8\" and try again")}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = detectDelimiter(data)
	r.FieldsPerRecord = -1
	t := &table{file: name}
	for {
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			at, cause := Problem{File: name}, err
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				at.Line, cause = pe.Line, pe.Err
			}
			// The cause is Go's encoding/csv's, in English.
			return nil, []Problem{problemAt(at, CodeBadCSV, "the file is not valid CSV: %s", cause.Error())}
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			t.header = make([]string, len(fields))
			for i, f := range fields {
				t.header[i] = strings.TrimSpace(f)
			}
			continue
		}
		if blank(fields) {
			continue
		}
		t.rows = append(t.rows, row{line: line, fields: fields})
	}
	if t.header == nil {
		return nil, []Problem{problemAt(Problem{File: name, Line: 1}, CodeMissingColumn, "the file is empty: its first line must name the columns")}
	}
	return t, nil
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// detectDelimiter picks ';' or ',' by which the first line has more of
// outside quotes (a tie, as in a one-column file, is ',').
func detectDelimiter(data []byte) rune {
	semi, comma, quoted := 0, 0, false
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			if semi > comma {
				return ';'
			}
			return ','
		case c == ';':
			semi++
		case c == ',':
			comma++
		}
	}
	if semi > comma {
		return ';'
	}
	return ','
}

func humanBytes(n int64) any {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return i18n.T("%d bytes", n)
}
