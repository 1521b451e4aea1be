package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/importer"
	"github.com/tulkki/tulkki/internal/model"
)

// cliAdmin is who the command line acts as: an administrator.
var cliAdmin = auth.Principal{Subject: "tulkki-cli", Roles: []auth.Role{auth.RoleAdmin}}

func runImport(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: tulkki import [--dry-run] [--sync SOURCE | --source SOURCE] [--lang fi|sv|en] FILE...\n\n"+
			"Imports CSV files named after their kind (topics, organisations, people, experiences,\n"+
			"collaborations, partners, contributors); see docs/import.md.")
		fs.PrintDefaults()
	}
	dryRun := fs.Bool("dry-run", false, "check the files and report what would change; write nothing")
	sync := fs.String("sync", "", "source whose stints, partners and contributors not in the files are removed (also the rows' default source)")
	source := fs.String("source", "", "source of rows that name none (default \"import\")")
	maxMB := fs.Int64("max-mb", importer.DefaultMaxFileBytes>>20, "largest file read, in megabytes")
	maxRows := fs.Int("max-rows", importer.DefaultMaxRows, "most rows one import may hold (one transaction holds them all)")
	langFlag := fs.String("lang", "", "language of the problems: fi, sv or en (default: from LC_ALL, LC_MESSAGES or LANG, e.g. fi_FI.UTF-8; else en)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	lang := i18n.FromEnvironment(os.Getenv)
	if *langFlag != "" {
		l, ok := i18n.Parse(*langFlag)
		if !ok {
			return fmt.Errorf("import: --lang %q: give fi, sv or en", *langFlag)
		}
		lang = l
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("import: name at least one file")
	}
	var files []importer.File
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		files = append(files, importer.File{Name: filepath.Base(name), Body: f})
	}
	st, err := openMigrated(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	svc := importer.New(st, importer.Limits{MaxFileBytes: *maxMB << 20, MaxRows: *maxRows})
	progress, finish := progressBars(env.stdout)
	report, err := svc.Import(ctx, cliAdmin, files, importer.Options{DryRun: *dryRun, Sync: *sync, Source: *source}, progress)
	finish()
	var invalid *importer.InvalidError
	if errors.As(err, &invalid) {
		for _, p := range invalid.Problems {
			fmt.Fprintln(env.stdout, p.In(lang))
		}
		n := len(invalid.Problems)
		return errors.New(i18n.Plural(n, "the files have %d problem; nothing was written", "the files have %d problems; nothing was written").In(lang))
	}
	if err != nil {
		return err
	}
	printReport(env.stdout, report)
	return nil
}

// progressBars shows one bar per kind of record as an import writes it.
func progressBars(w io.Writer) (model.ImportProgress, func()) {
	var bar *progressbar.ProgressBar
	kind := ""
	finish := func() {
		if bar != nil {
			_ = bar.Finish()
			fmt.Fprintln(w)
			bar = nil
		}
	}
	return func(k string, done, total int) {
		if k != kind {
			finish()
			kind = k
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(fmt.Sprintf("%-15s", k)),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("rows"), progressbar.OptionShowElapsedTimeOnFinish(),
				progressbar.OptionThrottle(0), progressbar.OptionSetWidth(30))
		}
		_ = bar.Set(done)
	}, finish
}

func printReport(w io.Writer, r *importer.Report) {
	if r.DryRun {
		fmt.Fprintln(w, "Dry run: nothing was written. The import would do this:")
	} else {
		fmt.Fprintln(w, "Imported:")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\tcreated\tupdated\tunchanged\tremoved\t")
	for _, c := range r.Counts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", c.Kind, c.Created, c.Updated, c.Unchanged, c.Removed)
	}
	_ = tw.Flush()
	fmt.Fprintf(w, "%d of the imported people have not consented yet (not open to bridging, not contactable).\n", r.PeopleWithoutConsent)
}

func runExport(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: tulkki export [--source SOURCE,...] DIR\n\n"+
			"Writes one CSV file per kind into DIR, in the layout tulkki import reads (docs/import.md).")
		fs.PrintDefaults()
	}
	sources := fs.String("source", "", "export only the records of these sources (comma-separated; \"tulkki\" is data entered in Tulkki)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("export: name one directory")
	}
	dir := fs.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	st, err := openMigrated(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	var only []string
	for _, s := range strings.Split(*sources, ",") {
		if s = strings.TrimSpace(s); s != "" {
			only = append(only, s)
		}
	}
	files, err := importer.New(st, importer.Limits{}).Export(ctx, cliAdmin, only)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Body, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "%s\n", filepath.Join(dir, f.Name))
	}
	return nil
}
