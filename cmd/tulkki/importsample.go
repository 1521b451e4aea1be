package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tulkki/tulkki/internal/importer"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/synth"
)

// importSampleSource is the source of the sample's rows.
const importSampleSource = "sample"

// runImportSample writes the synthetic graph of `tulkki generate` as the
// CSV files of `tulkki import`, to time imports (docs/performance.md).
func runImportSample(_ context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("import-sample", flag.ContinueOnError)
	people := fs.Int("people", 0, fmt.Sprintf("number of people (%d..%d); each has 3–4 stints on average", synth.MinPeople, synth.MaxPeople))
	seed := fs.Uint64("seed", 1, "random seed")
	ns := fs.String("namespace", "csv", "appended to the names as \" [ns]\", so they do not clash with generated or demo data")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: tulkki import-sample --people N [--seed S] DIR\n\n"+
			"Writes the synthetic graph of tulkki generate (source \"sample\") as CSV files in the import layout.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("import-sample: name one directory")
	}
	g, err := synth.New(synth.Config{People: *people, Seed: *seed, Namespace: *ns})
	if err != nil {
		return fmt.Errorf("import-sample: %w", err)
	}
	recs := sampleRecords(g)
	dir := fs.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range importer.Files(recs) {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Body, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.stdout, "Wrote %d topics, %d organisations, %d people, %d experiences, %d collaborations, %d partners, %d contributors to %s.\n",
		len(recs.Topics), len(recs.Organisations), len(recs.People), len(recs.Experiences), len(recs.Collaborations),
		len(recs.Partners), len(recs.Contributors), dir)
	return nil
}

func sampleRecords(g *synth.Generator) *model.ImportRecords {
	ref := func(id string) model.ExternalRef {
		return model.ExternalRef{Source: importSampleSource, ExternalID: id}
	}
	topicName := map[string]string{}
	names := func(ids []string) []string {
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = topicName[id]
		}
		return out
	}
	recs := &model.ImportRecords{}
	for _, t := range g.Topics() {
		topicName[t.ID] = t.Name
		recs.Topics = append(recs.Topics, model.ImportTopicRow{Ref: ref(t.ID), Name: t.Name, NameFi: t.NameFi, NameSv: t.NameSv, Description: t.Description})
	}
	for _, x := range g.Organisations() {
		o := x.Organisation
		recs.Organisations = append(recs.Organisations, model.ImportOrganisationRow{Ref: ref(o.ID), Name: o.Name, Kind: o.Kind,
			Sector: o.Sector, Region: o.Region, Website: o.Website, Description: o.Description, Topics: names(x.TopicIDs)})
	}
	for people := g.NextPeople(5000); people != nil; people = g.NextPeople(5000) {
		for _, x := range people {
			p := x.Person
			recs.People = append(recs.People, model.ImportPersonRow{Ref: ref(p.ID), Name: p.Name, Headline: p.Headline, Region: p.Region,
				Email: p.Email, Phone: p.Phone, Languages: p.Languages, Visibility: &p.Visibility, OpenToBridging: &p.OpenToBridging,
				Contactable: &p.Contactable, Expertise: names(x.ExpertiseTopicIDs)})
			for _, e := range x.Experiences {
				recs.Experiences = append(recs.Experiences, model.ImportExperienceRow{Ref: ref(e.ID), Person: ref(p.ID),
					Organisation: ref(e.OrganisationID), Kind: e.Kind, RoleTitle: e.RoleTitle, StartDate: e.StartDate, EndDate: e.EndDate})
			}
		}
	}
	for cs := g.NextCollaborations(5000); cs != nil; cs = g.NextCollaborations(5000) {
		for _, x := range cs {
			c := x.Collaboration
			recs.Collaborations = append(recs.Collaborations, model.ImportCollaborationRow{Ref: ref(c.ID), Title: c.Title,
				Description: c.Description, Form: c.Form, Phase: c.Phase, StartDate: c.StartDate, EndDate: c.EndDate, Topics: names(x.TopicIDs)})
			for _, p := range x.Partners {
				recs.Partners = append(recs.Partners, model.ImportPartnerRow{Source: importSampleSource, Collaboration: ref(c.ID),
					Organisation: ref(p.OrganisationID), Role: p.Role})
			}
			for _, p := range x.Contributors {
				recs.Contributors = append(recs.Contributors, model.ImportContributorRow{Source: importSampleSource, Collaboration: ref(c.ID),
					Person: ref(p.PersonID), Role: p.Role})
			}
		}
	}
	return recs
}
