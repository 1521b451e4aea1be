package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/importer"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestImportLanguage: tulkki import words the problems of its files in the
// language --lang names, or else the one of the locale (LC_ALL,
// LC_MESSAGES, LANG), English when that is none of fi, sv and en.
func TestImportLanguage(t *testing.T) {
	storetest.Open(t) // fails, not skips, without Neo4j under CI
	file := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(file, []byte("externalId,name,email\np1,Anna,not-an-address\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	problem := importer.Problem{File: "people.csv", Line: 2, Column: "email", Code: importer.CodeBadValue,
		Message: i18n.T("%s is not a valid e-mail address", "email")}
	summary := i18n.Plural(1, "the files have %d problem; nothing was written", "the files have %d problems; nothing was written")
	for _, tc := range []struct {
		name   string
		locale string
		flags  []string
		want   i18n.Lang
	}{
		{"--lang sv", "fi_FI.UTF-8", []string{"--lang", "sv"}, i18n.SV},
		{"Finnish locale", "fi_FI.UTF-8", nil, i18n.FI},
		{"Swedish locale", "sv_FI.UTF-8", nil, i18n.SV},
		{"German locale", "de_DE.UTF-8", nil, i18n.EN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("LC_ALL", tc.locale)
			var out bytes.Buffer
			args := append(append([]string{"import", "--dry-run"}, tc.flags...), file)
			err := run(context.Background(), args, &out, &bytes.Buffer{})
			if err == nil || err.Error() != summary.In(tc.want) {
				t.Errorf("error %v, want %q", err, summary.In(tc.want))
			}
			if got, want := strings.TrimSpace(out.String()), problem.In(tc.want); got != want {
				t.Errorf("output %q, want %q", got, want)
			}
		})
	}
	if err := run(context.Background(), []string{"import", "--lang", "de", file}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "give fi, sv or en") {
		t.Errorf("--lang de: %v", err)
	}
}
