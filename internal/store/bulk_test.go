package store_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
	"github.com/tulkki/tulkki/internal/synth"
)

// importTestPeople is the size of the generated sets of these tests: big
// enough for several batches of every kind at importTestBatch.
const (
	importTestPeople = 120
	importTestBatch  = 25
)

// generatedSet returns a generated set in a namespace of its own (ids
// gen-<ns>-…, names suffixed " [<ns>]"), so that tests write apart from
// each other, with repeats the MERGE path absorbs and the CREATE path must
// too: a topic twice in a person's expertise, a partner twice with the last
// role winning.
func generatedSet(t *testing.T) (store.ImportSet, string) {
	t.Helper()
	ns := strings.ToLower(strings.ReplaceAll(storetest.ID("b"), "-", ""))[:16]
	set, _, err := synth.Generate(synth.Config{People: importTestPeople, Seed: 7, Namespace: ns})
	if err != nil {
		t.Fatal(err)
	}
	p := &set.People[0]
	p.ExpertiseTopicIDs = append(p.ExpertiseTopicIDs, set.Topics[0].ID, set.Topics[0].ID)
	c := &set.Collaborations[0]
	first := c.Partners[0]
	c.Partners = append(c.Partners, model.Partnership{OrganisationID: first.OrganisationID, Role: otherRole(first.Role)})
	return set, ns
}

func otherRole(r model.PartnerRole) model.PartnerRole {
	for _, x := range model.AllPartnerRoles {
		if x != r {
			return x
		}
	}
	return r
}

// websiteHash is the part of a generated website that depends on the
// namespace.
var websiteHash = regexp.MustCompile(`-[0-9a-f]{16}\.example`)

// normalisedGraph is ImportedGraph of namespace ns with the namespace
// replaced by "NS", so that two namespaces' graphs compare.
func normalisedGraph(t *testing.T, st *store.Store, ns string) []string {
	t.Helper()
	lines, err := st.ImportedGraph(context.Background(), "gen-"+ns+"-")
	if err != nil {
		t.Fatal(err)
	}
	r := strings.NewReplacer("gen-"+ns+"-", "gen-NS-", "["+ns+"]", "[NS]")
	for i, l := range lines {
		lines[i] = websiteHash.ReplaceAllString(r.Replace(l), "-HASH.example")
	}
	return lines
}

// diffLines reports the first lines only one of a and b has.
func diffLines(t *testing.T, what string, a, b []string) {
	t.Helper()
	if slices.Equal(a, b) {
		return
	}
	var onlyA, onlyB []string
	for _, l := range a {
		if !slices.Contains(b, l) {
			onlyA = append(onlyA, l)
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			onlyB = append(onlyB, l)
		}
	}
	t.Errorf("%s: %d vs %d lines; only in the first (%d): %q; only in the second (%d): %q",
		what, len(a), len(b), len(onlyA), onlyA[:min(3, len(onlyA))], len(onlyB), onlyB[:min(3, len(onlyB))])
}

func setIDs(set store.ImportSet) (people []string) {
	for _, p := range set.People {
		people = append(people, p.Person.ID)
	}
	return people
}

// TestImportCreatePathWritesWhatMergePathWrites imports the same generated
// set (in two namespaces) once through the CREATE path and once through the
// MERGE path and compares everything written: nodes, properties,
// relationships and their properties, phase changes, sector-pair days.
// Then it imports the first set again, which must take the MERGE path and
// change nothing, createdAt included.
func TestImportCreatePathWritesWhatMergePathWrites(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	created, nsCreated := generatedSet(t)
	merged, nsMerged := generatedSet(t)

	c, m, err := st.ImportCounted(ctx, created, importTestBatch, false)
	if err != nil {
		t.Fatal(err)
	}
	if c == 0 || m != 0 {
		t.Errorf("new records: %d batches CREATEd, %d MERGEd; want all CREATEd", c, m)
	}
	if _, _, err := st.ImportCounted(ctx, merged, importTestBatch, true); err != nil {
		t.Fatal(err)
	}
	viaCreate, viaMerge := normalisedGraph(t, st, nsCreated), normalisedGraph(t, st, nsMerged)
	if len(viaCreate) < importTestPeople*3 {
		t.Fatalf("only %d lines written for %d people", len(viaCreate), importTestPeople)
	}
	diffLines(t, "CREATE path vs MERGE path", viaCreate, viaMerge)
	for _, want := range []string{"-[EXPERT_IN {}]->", "-[HAS_EXPERIENCE {}]->", "-[AT {}]->", "-[IN_SECTOR {}]->",
		"-[INTERESTED_IN {}]->", "-[ABOUT {}]->", "-[PARTNER_IN {role=", "-[CONTRIBUTED_TO {role=", "-[HAD_PHASE {}]->", "sectorPairDays_"} {
		if !slices.ContainsFunc(viaCreate, func(l string) bool { return strings.Contains(l, want) }) {
			t.Errorf("nothing written matches %q", want)
		}
	}

	before, err := st.ImportedGraph(ctx, "gen-"+nsCreated+"-")
	if err != nil {
		t.Fatal(err)
	}
	people := setIDs(created)
	firstCreated, err := st.PeopleByID(ctx, people[:1])
	if err != nil {
		t.Fatal(err)
	}
	c, m, err = st.ImportCounted(ctx, created, importTestBatch, false)
	if err != nil {
		t.Fatal(err)
	}
	if c != 0 || m == 0 {
		t.Errorf("second import: %d batches CREATEd, %d MERGEd; want all MERGEd", c, m)
	}
	after, err := st.ImportedGraph(ctx, "gen-"+nsCreated+"-")
	if err != nil {
		t.Fatal(err)
	}
	diffLines(t, "before and after importing again", before, after)
	again, err := st.PeopleByID(ctx, people[:1])
	if err != nil {
		t.Fatal(err)
	}
	if a, b := firstCreated[people[0]], again[people[0]]; a == nil || b == nil || !a.CreatedAt.Equal(b.CreatedAt) || !a.UpdatedAt.Equal(b.UpdatedAt) {
		t.Errorf("importing again changed the timestamps of %s: %+v, then %+v", people[0], a, b)
	}
}

// TestImportBatchMixingNewAndExistingIDs: a batch of which some records
// exist goes down the MERGE path whole, and the result is what importing
// the set in one go gives.
func TestImportBatchMixingNewAndExistingIDs(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	mixed, nsMixed := generatedSet(t)
	whole, nsWhole := generatedSet(t)

	half := mixed
	half.People = mixed.People[:importTestPeople/2]
	half.Collaborations = nil
	if _, _, err := st.ImportCounted(ctx, half, importTestBatch, false); err != nil {
		t.Fatal(err)
	}
	// One batch of all the people: half of them exist.
	allPeople := store.ImportSet{People: mixed.People}
	c, m, err := st.ImportCounted(ctx, allPeople, importTestPeople, false)
	if err != nil {
		t.Fatal(err)
	}
	if c != 0 || m != 1 {
		t.Errorf("mixed batch: %d CREATEd, %d MERGEd; want one MERGEd", c, m)
	}
	// The collaborations are new: they take the CREATE path.
	c, m, err = st.ImportCounted(ctx, store.ImportSet{Collaborations: mixed.Collaborations}, importTestBatch, false)
	if err != nil {
		t.Fatal(err)
	}
	if c == 0 || m != 0 {
		t.Errorf("new collaborations: %d CREATEd, %d MERGEd; want all CREATEd", c, m)
	}
	if _, _, err := st.ImportCounted(ctx, whole, importTestBatch, false); err != nil {
		t.Fatal(err)
	}
	diffLines(t, "imported in parts vs in one go", normalisedGraph(t, st, nsMixed), normalisedGraph(t, st, nsWhole))
}

// TestImportStintIDTakenFallsBackToMerge: a new person whose stint's id
// exists already passes the check of people's ids, so the CREATE breaks
// the stint's uniqueness constraint; the batch is written again through
// the MERGE path, which attaches the existing stint, as before the CREATE
// path existed.
func TestImportStintIDTakenFallsBackToMerge(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	set, ns := generatedSet(t)
	base := store.ImportSet{Topics: set.Topics, Organisations: set.Organisations, People: set.People[:1]}
	if _, _, err := st.ImportCounted(ctx, base, importTestBatch, false); err != nil {
		t.Fatal(err)
	}
	taken := set.People[0].Experiences[0].ID
	newcomer := set.People[1]
	newcomer.Experiences = append(newcomer.Experiences, set.People[0].Experiences[0])
	c, m, err := st.ImportCounted(ctx, store.ImportSet{People: []store.ImportPerson{newcomer}}, importTestBatch, false)
	if err != nil {
		t.Fatal(err)
	}
	if c != 0 || m != 1 {
		t.Errorf("%d CREATEd, %d MERGEd; want the batch MERGEd", c, m)
	}
	graph := normalisedGraph(t, st, ns)
	want := fmt.Sprintf("REL %s -[HAS_EXPERIENCE {}]-> [Experience] %s", newcomer.Person.ID, taken)
	want = strings.ReplaceAll(want, "gen-"+ns+"-", "gen-NS-")
	if !slices.ContainsFunc(graph, func(l string) bool { return strings.HasPrefix(l, want) }) {
		t.Errorf("no line %q", want)
	}
}

// TestImportFailedBatchWritesNothing: an organisation whose name another
// organisation has breaks a uniqueness constraint on both paths; the
// batch's transaction rolls back, so none of its organisations exists,
// not even those before the clash in the batch.
func TestImportFailedBatchWritesNothing(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	set, _ := generatedSet(t)
	existing, err := st.CreateOrganisation(ctx, model.Organisation{Name: storetest.ID("Varattu"), Kind: model.KindOther, Sector: model.SectorThird}, nil)
	if err != nil {
		t.Fatal(err)
	}
	orgs := slices.Clone(set.Organisations[:3])
	orgs[2].Organisation.Name = existing.Name
	_, _, err = st.ImportCounted(ctx, store.ImportSet{Topics: set.Topics, Organisations: orgs}, 10, false)
	if !errors.Is(err, errs.ErrConflict) {
		t.Fatalf("import with a taken name: %v, want a conflict", err)
	}
	ids := []string{orgs[0].Organisation.ID, orgs[1].Organisation.ID, orgs[2].Organisation.ID}
	got, err := st.OrganisationsByID(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("the failed batch left %d organisations behind", len(got))
	}
}

// TestImportSectorDaysAreWhatARefreshComputes: the sector-pair days Import
// writes are what refreshStintValues computes for the same people.
func TestImportSectorDaysAreWhatARefreshComputes(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	set, _ := generatedSet(t)
	if _, _, err := st.ImportCounted(ctx, set, importTestBatch, false); err != nil {
		t.Fatal(err)
	}
	people := setIDs(set)
	imported, err := st.SectorDays(ctx, people)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RefreshStintValues(ctx, people); err != nil {
		t.Fatal(err)
	}
	refreshed, err := st.SectorDays(ctx, people)
	if err != nil {
		t.Fatal(err)
	}
	withDays := 0
	for _, id := range people {
		if fmt.Sprint(imported[id]) != fmt.Sprint(refreshed[id]) {
			t.Errorf("%s: imported %v, refreshStintValues gives %v", id, imported[id], refreshed[id])
		}
		if len(imported[id]) > 0 {
			withDays++
		}
	}
	if withDays < len(people)/2 {
		t.Errorf("only %d of %d people have sector-pair days", withDays, len(people))
	}
}
