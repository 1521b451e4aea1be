package synth

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tulkki/tulkki/internal/model"
)

// Stats describes what a generator made so far: counts and the
// distributions the generator aims at, measured on the output. Arrays are
// indexed in the order of the model's All* lists (sectors: PUBLIC,
// PRIVATE, THIRD, ACADEMIA).
type Stats struct {
	Topics, Organisations, People, Experiences, Collaborations int
	Contributions, PhaseChanges                                int

	OrganisationsBySector [4]int
	// Organisation–topic links, and how many of them are typical of the
	// organisation's sector.
	OrgTopicLinks, OrgTopicLinksTypical int

	StintsPerPerson [maxStints + 1]int
	// CareerSectors[k] is the number of people with stints in k sectors.
	CareerSectors   [5]int
	ExperienceKinds [6]int
	Ongoing         int
	// JobTransitions[a][b] counts consecutive jobs (EMPLOYMENT) in sector a
	// then b.
	JobTransitions [4][4]int
	Visibility     [3]int
	OpenToBridging int
	Contactable    int
	SpeaksFinnish  int
	Multilingual   int

	// CollabSectors[k] is the number of collaborations whose partners are
	// in k sectors; CollabPartners[n] those with n partners.
	CollabSectors  [5]int
	CollabPartners [6]int
	Phases         [5]int
	Forms          [5]int
	Regressions    int
	// CollabTopicsShared counts collaborations whose every topic is an
	// interest of the lead and of at least one other partner.
	CollabTopicsShared int

	// OrgSizes summarises how many distinct people have stints at each
	// organisation, overall, by sector and by kind; Largest lists the
	// biggest organisations.
	OrgSizes []SizeSummary
	Largest  []OrgSize
}

// SizeSummary is the distribution of organisation sizes (people with a
// stint there) in a group of organisations.
type SizeSummary struct {
	Group              string
	Organisations      int
	P10, P50, P90, P99 int
	Max                int
	Mean               float64
}

// OrgSize is one organisation's size.
type OrgSize struct {
	Name   string
	Kind   model.OrganisationKind
	Sector model.Sector
	People int
}

// Stats returns the statistics of everything generated so far, with the
// organisation sizes as they stand.
func (g *Generator) Stats() Stats {
	st := g.stats
	group := func(name string, keep func(i int) bool) {
		var sizes []int
		for i := range g.orgs {
			if keep(i) {
				sizes = append(sizes, int(g.members[i]))
			}
		}
		if len(sizes) == 0 {
			return
		}
		slices.Sort(sizes)
		q := func(p float64) int { return sizes[min(len(sizes)-1, int(p*float64(len(sizes))))] }
		sum := 0
		for _, s := range sizes {
			sum += s
		}
		st.OrgSizes = append(st.OrgSizes, SizeSummary{Group: name, Organisations: len(sizes),
			P10: q(0.10), P50: q(0.50), P90: q(0.90), P99: q(0.99), Max: sizes[len(sizes)-1],
			Mean: float64(sum) / float64(len(sizes))})
	}
	group("all", func(int) bool { return true })
	for s, sector := range model.AllSectors {
		group(string(sector), func(i int) bool { return g.orgs[i].sector == s })
	}
	for _, k := range model.AllOrganisationKinds {
		group(string(k), func(i int) bool { return g.orgs[i].kind == k })
	}
	order := make([]int, len(g.orgs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return int(g.members[b]) - int(g.members[a]) })
	for _, i := range order[:min(10, len(order))] {
		o := g.importOrgs[i].Organisation
		st.Largest = append(st.Largest, OrgSize{Name: o.Name, Kind: o.Kind, Sector: o.Sector, People: int(g.members[i])})
	}
	return st
}

func pct(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return 100 * float64(n) / float64(total)
}

// Report writes the statistics as readable text.
func (st *Stats) Report(w io.Writer) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("Records: %d topics, %d organisations, %d people, %d experiences, %d collaborations (%d partners, %d contributions, %d phase changes)\n",
		st.Topics, st.Organisations, st.People, st.Experiences, st.Collaborations,
		sum(st.CollabPartners[:], true), st.Contributions, st.PhaseChanges)

	p("Organisations by sector:")
	for s, sector := range model.AllSectors {
		p("  %s %.1f %%", sector, pct(st.OrganisationsBySector[s], st.Organisations))
	}
	p("\n  topic links typical of the sector: %.1f %%\n", pct(st.OrgTopicLinksTypical, st.OrgTopicLinks))
	p("Organisation sizes (distinct people with a stint):\n")
	p("  %-32s %6s %6s %6s %6s %6s %7s %8s\n", "group", "orgs", "p10", "p50", "p90", "p99", "max", "mean")
	for _, s := range st.OrgSizes {
		p("  %-32s %6d %6d %6d %6d %6d %7d %8.1f\n", s.Group, s.Organisations, s.P10, s.P50, s.P90, s.P99, s.Max, s.Mean)
	}
	p("  largest:")
	for i, o := range st.Largest {
		if i == 10 {
			break
		}
		p(" %s (%s) %d;", o.Name, o.Kind, o.People)
	}
	p("\n")

	p("Careers by number of sectors:")
	for k := 1; k <= 4; k++ {
		p("  %d: %.1f %%", k, pct(st.CareerSectors[k], st.People))
	}
	p("\nStints per person:")
	for k := 1; k <= maxStints; k++ {
		p("  %d: %.1f %%", k, pct(st.StintsPerPerson[k], st.People))
	}
	p("  (mean %.2f)\nExperience kinds:", float64(st.Experiences)/float64(max(1, st.People)))
	for k, kind := range model.AllExperienceKinds {
		p("  %s %.1f %%", kind, pct(st.ExperienceKinds[k], st.Experiences))
	}
	p("\nJob-to-job sector transitions (row: from; PUBLIC PRIVATE THIRD ACADEMIA):\n")
	for a, sector := range model.AllSectors {
		row := sum(st.JobTransitions[a][:], false)
		p("  %-9s", sector)
		for b := range model.AllSectors {
			p(" %5.3f", float64(st.JobTransitions[a][b])/float64(max(1, row)))
		}
		p("   (%d moves)\n", row)
	}
	p("People: visibility PUBLIC %.1f %% MEMBERS %.1f %% PRIVATE %.1f %%; open to bridging %.1f %%; contactable %.1f %%; speak Finnish %.1f %%; multilingual %.1f %%; with a current stint %.1f %%\n",
		pct(st.Visibility[0], st.People), pct(st.Visibility[1], st.People), pct(st.Visibility[2], st.People),
		pct(st.OpenToBridging, st.People), pct(st.Contactable, st.People), pct(st.SpeaksFinnish, st.People),
		pct(st.Multilingual, st.People), pct(st.Ongoing, st.People))

	p("Collaborations by number of partner sectors:")
	for k := 1; k <= 4; k++ {
		p("  %d: %.1f %%", k, pct(st.CollabSectors[k], st.Collaborations))
	}
	p("\n  partners per collaboration:")
	for k := 2; k <= 5; k++ {
		p("  %d: %.1f %%", k, pct(st.CollabPartners[k], st.Collaborations))
	}
	p("\n  phases:")
	for k, ph := range model.AllPhases {
		p("  %s %.1f %%", ph, pct(st.Phases[k], st.Collaborations))
	}
	p("\n  forms:")
	for k, f := range model.AllCollaborationForms {
		p("  %s %.1f %%", f, pct(st.Forms[k], st.Collaborations))
	}
	p("\n  went back a phase %.1f %%; all topics shared by two or more partners %.1f %%; contributors per collaboration %.2f\n",
		pct(st.Regressions, st.Collaborations), pct(st.CollabTopicsShared, st.Collaborations),
		float64(st.Contributions)/float64(max(1, st.Collaborations)))
}

// sum adds xs; weighted multiplies each by its index (for histograms of
// counts: the total of the counted things).
func sum(xs []int, weighted bool) int {
	t := 0
	for i, x := range xs {
		if weighted {
			x *= i
		}
		t += x
	}
	return t
}

// String is Report as a string.
func (st *Stats) String() string {
	var b strings.Builder
	st.Report(&b)
	return b.String()
}
