// Package synth generates large, realistic, fictional Tulkki graphs for load
// and scale testing: organisations in the four sectors with a heavy-tailed
// size distribution, topics clustered by sector, people whose careers move
// between sectors at realistic rates, and collaborations between
// organisations with contributors who work (or worked) there.
//
// Generation is deterministic: the same Config gives byte-identical
// records. Every random choice comes from math/rand/v2 PCG streams seeded
// from Config.Seed; no Go map is ever iterated. Person i and collaboration
// j have their own streams (seeded from the seed and their number), so a
// record does not depend on how the output is chunked.
//
// Records are produced in streaming chunks: topics and organisations first
// (small, held in memory), then people (NextPeople), then collaborations
// (NextCollaborations). While people are generated the Generator keeps only
// per-organisation counters and a small uniform sample of each
// organisation's people (from which collaboration contributors are drawn),
// so memory does not grow with the number of people.
//
// All generated ids start with "gen-" so they never collide with the demo
// data, and the store's Import MERGEs on ids, so importing the same
// generation twice changes nothing.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/seed"
	"github.com/tulkki/tulkki/internal/store"
)

// Limits of Config.People.
const (
	MinPeople = 1
	MaxPeople = 2_000_000
)

// PeoplePerOrganisation and MinOrganisations fix the number of
// organisations: People/PeoplePerOrganisation, at least MinOrganisations.
// PeoplePerCollaboration does the same for collaborations.
const (
	PeoplePerOrganisation  = 40
	MinOrganisations       = 40
	PeoplePerCollaboration = 20
)

// IDPrefix starts every generated id.
const IDPrefix = "gen-"

// Reference is the generator's "today": the latest date of any generated
// record and the date before which ongoing stints started. It is fixed, not
// the clock, so generation is reproducible.
var Reference = model.Date{Year: 2026, Month: 10, Day: 31}

// Config says what to generate.
type Config struct {
	People int
	Seed   uint64
	// Namespace, when set, makes the ids "gen-<namespace>-…" and appends
	// " [<namespace>]" to organisation and topic names, so that a test can
	// write a generation of its own next to a real one in a shared
	// database (names are unique in the graph) and delete exactly it.
	Namespace string
}

// Plan is how many records of each kind a Config produces. Experiences are
// known only after generation (see Stats).
type Plan struct {
	Topics, Organisations, People, Collaborations int
}

// PlanFor returns the record counts for cfg.
func PlanFor(cfg Config) Plan {
	return Plan{
		Topics:         len(topicCatalogue),
		Organisations:  max(MinOrganisations, cfg.People/PeoplePerOrganisation),
		People:         cfg.People,
		Collaborations: max(1, cfg.People/PeoplePerCollaboration),
	}
}

// Stream tags keep the random streams of the different record kinds apart.
const (
	streamOrganisations uint64 = iota + 1
	streamPeople
	streamReservoir
	streamCollaborations
)

// reservoirSize is how many people per organisation are remembered as
// possible collaboration contributors.
const reservoirSize = 16

// Generator produces one Config's records in order: Topics,
// Organisations, then NextPeople until it returns nil, then
// NextCollaborations until it returns nil. It is not safe for concurrent
// use.
type Generator struct {
	cfg    Config
	plan   Plan
	prefix string // of every id: IDPrefix, plus the namespace

	topics []model.Topic
	// topicSectors[t] are the sectors topic t is typical of.
	topicSectors [][]model.Sector
	// sectorTopics[s] picks a topic for an organisation of sector s.
	sectorTopics [4]pool

	orgs       []org
	importOrgs []store.ImportOrganisation

	// Organisation pools, by sector (index into model.AllSectors).
	sectorPools [4]regionalPool
	// topicPools[s][t]: organisations of sector s interested in topic t.
	topicPools [4][]regionalPool
	eduPool    regionalPool // universities and universities of applied sciences
	trustPool  regionalPool // municipalities and wellbeing services counties

	// Per-person stream, reseeded for each person and collaboration.
	src *rand.PCG
	rng *rand.Rand

	nextPerson int
	members    []int32   // distinct people with a stint, per organisation
	reservoir  [][]int32 // a uniform sample of those people (person numbers), per organisation
	resRNG     *rand.Rand

	nextCollab int
	leadPool   *pool

	stats Stats
}

// org is the generator's own view of an organisation.
type org struct {
	id     string
	sector int // index into model.AllSectors
	kind   model.OrganisationKind
	region int // index into regions, or -1 for national
	weight float64
	topics []int
}

// New prepares a generator: it makes the topics and organisations at once
// (they are few) and checks cfg.
func New(cfg Config) (*Generator, error) {
	if cfg.People < MinPeople || cfg.People > MaxPeople {
		return nil, fmt.Errorf("people must be between %d and %d, got %d", MinPeople, MaxPeople, cfg.People)
	}
	g := &Generator{cfg: cfg, plan: PlanFor(cfg), prefix: IDPrefix}
	if cfg.Namespace != "" {
		if !regexp.MustCompile(`^[a-z0-9]{1,16}$`).MatchString(cfg.Namespace) {
			return nil, fmt.Errorf("namespace %q: want 1–16 lower-case letters and digits", cfg.Namespace)
		}
		g.prefix = IDPrefix + cfg.Namespace + "-"
	}
	g.src = rand.NewPCG(0, 0)
	g.rng = rand.New(g.src)
	g.resRNG = rand.New(rand.NewPCG(mix(cfg.Seed, streamReservoir), mix(cfg.Seed^0x9e3779b97f4a7c15, streamReservoir)))
	g.makeTopics()
	taken, err := demoNames()
	if err != nil {
		return nil, err
	}
	g.makeOrganisations(taken)
	g.members = make([]int32, len(g.orgs))
	g.reservoir = make([][]int32, len(g.orgs))
	g.stats.Topics = len(g.topics)
	g.stats.Organisations = len(g.orgs)
	return g, nil
}

// Config returns the generator's Config.
func (g *Generator) Config() Config { return g.cfg }

func (g *Generator) nameSuffix() string {
	if g.cfg.Namespace == "" {
		return ""
	}
	return " [" + g.cfg.Namespace + "]"
}

// Plan returns the record counts.
func (g *Generator) Plan() Plan { return g.plan }

// Topics returns the generated topics.
func (g *Generator) Topics() []model.Topic { return g.topics }

// Organisations returns the generated organisations with their topics.
func (g *Generator) Organisations() []store.ImportOrganisation { return g.importOrgs }

// Generate makes everything at once; fine for tests and small sizes.
func Generate(cfg Config) (store.ImportSet, *Stats, error) {
	g, err := New(cfg)
	if err != nil {
		return store.ImportSet{}, nil, err
	}
	set := store.ImportSet{Topics: g.Topics(), Organisations: g.Organisations()}
	for chunk := g.NextPeople(10_000); chunk != nil; chunk = g.NextPeople(10_000) {
		set.People = append(set.People, chunk...)
	}
	for chunk := g.NextCollaborations(10_000); chunk != nil; chunk = g.NextCollaborations(10_000) {
		set.Collaborations = append(set.Collaborations, chunk...)
	}
	st := g.Stats()
	return set, &st, nil
}

// ---- randomness ----

// mix is SplitMix64's finaliser: it turns (seed, n) into well-spread
// 64-bit seeds, so that neighbouring person numbers get unrelated streams.
func mix(a, b uint64) uint64 {
	z := a + 0x9e3779b97f4a7c15*(b+1)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// reseed points g.rng at the stream of record n of a kind.
func (g *Generator) reseed(stream uint64, n int) *rand.Rand {
	g.src.Seed(mix(g.cfg.Seed, stream<<40|uint64(n)), mix(g.cfg.Seed^0xd1b54a32d192ed03, stream<<40|uint64(n)))
	return g.rng
}

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// weighted picks an index with probability proportional to ws.
func weighted(r *rand.Rand, ws []float64) int {
	total := 0.0
	for _, w := range ws {
		total += w
	}
	x := r.Float64() * total
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// pareto draws from a Pareto distribution with minimum 1 and shape alpha,
// capped: the heavy tail of organisation sizes.
func pareto(r *rand.Rand, alpha, maxValue float64) float64 {
	return math.Min(maxValue, math.Pow(1-r.Float64(), -1/alpha))
}

// pool picks items with probability proportional to their weight.
type pool struct {
	idx []int32
	cum []float64
}

func (p *pool) add(i int, w float64) {
	if w <= 0 {
		return
	}
	total := w
	if n := len(p.cum); n > 0 {
		total += p.cum[n-1]
	}
	p.idx = append(p.idx, int32(i))
	p.cum = append(p.cum, total)
}

func (p *pool) empty() bool { return p == nil || len(p.idx) == 0 }

func (rp *regionalPool) empty() bool { return rp.all.empty() }

func (p *pool) pick(r *rand.Rand) int {
	x := r.Float64() * p.cum[len(p.cum)-1]
	j := sort.SearchFloat64s(p.cum, x)
	if j >= len(p.idx) {
		j = len(p.idx) - 1
	}
	return int(p.idx[j])
}

// regionalPool is a pool over a set of organisations plus one per region
// holding the region's organisations and the national ones.
type regionalPool struct {
	all      pool
	byRegion []pool
}

// add puts organisation i in the pool: in its region's pool, or when it is
// national in every region's with the region's share of its weight, so
// that a national body is not picked once per region.
func (rp *regionalPool) add(i, region int, w float64) {
	if rp.byRegion == nil {
		rp.byRegion = make([]pool, len(regions))
	}
	rp.all.add(i, w)
	if region >= 0 {
		rp.byRegion[region].add(i, w)
		return
	}
	for k := range rp.byRegion {
		rp.byRegion[k].add(i, w*regionShare[k])
	}
}

// regionShare is each region's share of the population.
var regionShare = func() []float64 {
	ws := regionWeights()
	total := 0.0
	for _, w := range ws {
		total += w
	}
	for k := range ws {
		ws[k] /= total
	}
	return ws
}()

// minLocal is the fewest organisations a regional pool needs to be used:
// in small graphs a region may hold one or two organisations of a kind,
// which would then take every local stint whatever their size.
const minLocal = 8

// pick chooses within region with probability local (when the region has
// at least minLocal organisations), else among all.
func (rp *regionalPool) pick(r *rand.Rand, region int, local float64) int {
	if region >= 0 && rp.byRegion != nil && len(rp.byRegion[region].idx) >= minLocal && chance(r, local) {
		return rp.byRegion[region].pick(r)
	}
	return rp.all.pick(r)
}

func regionWeights() []float64 {
	ws := make([]float64, len(regions))
	for i, r := range regions {
		ws[i] = r.weight
	}
	return ws
}

// ---- topics ----

func (g *Generator) makeTopics() {
	for i, t := range topicCatalogue {
		g.topics = append(g.topics, model.Topic{
			ID: fmt.Sprintf("%stopic-%03d", g.prefix, i+1), Name: t.name + g.nameSuffix(), NameFi: t.nameFi, NameSv: t.nameSv, Description: t.description,
		})
		g.topicSectors = append(g.topicSectors, t.sectors)
	}
	// An organisation of sector s draws a topic whose home sector is s
	// with weight 4, one that also belongs to s with weight 1.5, and any
	// other with weight 0.25: mostly sector-typical, with some overlap.
	for s, sector := range model.AllSectors {
		for i, secs := range g.topicSectors {
			w := 0.25
			switch {
			case secs[0] == sector:
				w = 4
			case slices.Contains(secs, sector):
				w = 1.5
			}
			g.sectorTopics[s].add(i, w)
		}
	}
}

// topicTypical reports whether topic t is typical of sector s.
func (g *Generator) topicTypical(t, s int) bool {
	return slices.Contains(g.topicSectors[t], model.AllSectors[s])
}

// ---- organisations ----

// sectorShares is the sector mix of organisations (PUBLIC 25 %, PRIVATE
// 35 %, THIRD 30 %, ACADEMIA 10 %). Organisation i goes to the sector
// furthest below its share so far, so every prefix of the organisations
// has the mix to within one organisation.
var sectorShares = [4]float64{0.25, 0.35, 0.30, 0.10}

// kindMix is the mix of kinds within each sector, and firstKinds are made
// first so that even the smallest graph has one of each.
var kindMix = [4][]struct {
	kind   model.OrganisationKind
	weight float64
}{
	{{model.KindMunicipality, 62}, {model.KindStateAgency, 25}, {model.KindWellbeingServicesCounty, 7}, {model.KindHospitalDistrict, 6}},
	{{model.KindCompany, 76}, {model.KindSocialEnterprise, 10}, {model.KindCooperative, 10}, {model.KindNetwork, 4}},
	{{model.KindAssociation, 78}, {model.KindFoundation, 14}, {model.KindNetwork, 8}},
	{{model.KindUniversityAppliedScience, 40}, {model.KindUniversity, 30}, {model.KindResearchInstitute, 30}},
}

var firstKinds = [4][]model.OrganisationKind{
	{model.KindWellbeingServicesCounty, model.KindMunicipality, model.KindHospitalDistrict, model.KindStateAgency},
	{model.KindCompany, model.KindSocialEnterprise, model.KindCooperative},
	{model.KindAssociation, model.KindFoundation, model.KindNetwork},
	{model.KindUniversity, model.KindUniversityAppliedScience, model.KindResearchInstitute},
}

// sizeParams give each kind of organisation its size weight: scale times
// a Pareto draw with shape alpha, capped at cap. Stints pick organisations
// within a sector with probability proportional to weight, so sizes (people
// with a stint there) are heavy-tailed across kinds (wellbeing services
// counties, cities and universities are big; cooperatives and most
// associations small) and within them (alpha < 1: a few national
// associations are large while most have a handful of people).
var sizeParams = []struct {
	kind              model.OrganisationKind
	scale, alpha, cap float64
}{
	{model.KindWellbeingServicesCounty, 150, 0.9, 8},
	{model.KindHospitalDistrict, 60, 0.9, 8},
	{model.KindMunicipality, 2, 0.7, 1000},
	{model.KindStateAgency, 2, 0.9, 30},
	{model.KindCompany, 1, 0.7, 150},
	{model.KindCooperative, 0.3, 0.9, 30},
	{model.KindSocialEnterprise, 0.3, 0.9, 30},
	{model.KindAssociation, 0.1, 0.5, 1000},
	{model.KindFoundation, 1, 0.8, 60},
	{model.KindNetwork, 0.5, 0.9, 40},
	{model.KindUniversity, 90, 0.9, 10},
	{model.KindUniversityAppliedScience, 12, 0.9, 10},
	{model.KindResearchInstitute, 1.5, 0.9, 30},
	{model.KindOther, 0.5, 0.9, 10},
}

// bigAssociation is the size weight above which an association works
// nationwide (about the top 2 %).
const bigAssociation = 15.0

// nationalShare is the share of organisations of a kind that work
// nationwide rather than in one region.
func nationalShare(k model.OrganisationKind) float64 {
	switch k {
	case model.KindStateAgency:
		return 0.6
	case model.KindNetwork:
		return 0.7
	case model.KindFoundation, model.KindResearchInstitute:
		return 0.35
	case model.KindCompany:
		return 0.12
	case model.KindAssociation:
		return 0.04
	}
	return 0
}

// sizeWeight draws an organisation's size weight.
func sizeWeight(r *rand.Rand, k model.OrganisationKind) float64 {
	for _, s := range sizeParams {
		if s.kind == k {
			return s.scale * pareto(r, s.alpha, s.cap)
		}
	}
	return 1
}

// demoNames returns the lower-cased names of the demo organisations, which
// generated ones must not take (names are unique in the graph).
func demoNames() (map[string]bool, error) {
	ds, err := seed.Load()
	if err != nil {
		return nil, fmt.Errorf("load demo names: %w", err)
	}
	taken := make(map[string]bool, len(ds.Organisations))
	for _, o := range ds.Organisations {
		taken[nameKey(o.Name)] = true
	}
	return taken, nil
}

func nameKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func (g *Generator) makeOrganisations(taken map[string]bool) {
	r := rand.New(rand.NewPCG(mix(g.cfg.Seed, streamOrganisations), mix(g.cfg.Seed^0x2545f4914f6cdd1d, streamOrganisations)))
	slugs := map[string]bool{}
	var made [4]int
	for s := range g.topicPools {
		g.topicPools[s] = make([]regionalPool, len(g.topics))
	}
	for i := range g.plan.Organisations {
		s, deficit := 0, math.Inf(-1)
		for k, share := range sectorShares {
			if d := float64(i+1)*share - float64(made[k]); d > deficit+1e-9 {
				s, deficit = k, d
			}
		}
		var kind model.OrganisationKind
		if made[s] < len(firstKinds[s]) {
			kind = firstKinds[s][made[s]]
		} else {
			ws := make([]float64, len(kindMix[s]))
			for k, km := range kindMix[s] {
				ws[k] = km.weight
			}
			kind = kindMix[s][weighted(r, ws)].kind
		}
		made[s]++
		weight := sizeWeight(r, kind)
		region := -1
		// The biggest associations are national ones.
		if !chance(r, nationalShare(kind)) && !(kind == model.KindAssociation && weight > bigAssociation) {
			region = weighted(r, regionW)
		}
		o := org{id: fmt.Sprintf("%sorg-%06d", g.prefix, i+1), sector: s, kind: kind, region: region, weight: weight}
		name := uniqueName(r, taken, func(attempt int) string { return orgName(r, kind, region, attempt) }) + g.nameSuffix()
		nTopics := 2 + r.IntN(3)
		for len(o.topics) < nTopics {
			t := g.sectorTopics[s].pick(r)
			if !slices.Contains(o.topics, t) {
				o.topics = append(o.topics, t)
			}
		}
		for _, t := range o.topics {
			g.stats.OrgTopicLinks++
			if g.topicTypical(t, s) {
				g.stats.OrgTopicLinksTypical++
			}
		}
		topicIDs := make([]string, len(o.topics))
		topicNames := make([]string, len(o.topics))
		for k, t := range o.topics {
			topicIDs[k] = g.topics[t].ID
			topicNames[k] = strings.ToLower(g.topics[t].Name)
		}
		regionName := national
		if region >= 0 {
			regionName = regions[region].name
		}
		g.orgs = append(g.orgs, o)
		g.importOrgs = append(g.importOrgs, store.ImportOrganisation{
			Organisation: model.Organisation{
				ID: o.id, Name: name, Kind: kind, Sector: model.AllSectors[s], Region: regionName,
				Website:     "https://" + uniqueSlug(slugs, name) + ".example",
				Description: orgDescription(kind, region, topicNames),
			},
			TopicIDs: topicIDs,
		})
		g.stats.OrganisationsBySector[s]++
		g.sectorPools[s].add(i, region, o.weight)
		for _, t := range o.topics {
			g.topicPools[s][t].add(i, region, o.weight)
		}
		switch kind {
		case model.KindUniversity, model.KindUniversityAppliedScience:
			g.eduPool.add(i, region, o.weight)
		case model.KindMunicipality, model.KindWellbeingServicesCounty:
			g.trustPool.add(i, region, o.weight)
		}
	}
}

// uniqueName asks name for candidates until one is free, then takes it.
// The name function gets the attempt number and is expected to widen its
// choices as attempts grow; after many it gets a distinguishing number.
func uniqueName(r *rand.Rand, taken map[string]bool, name func(attempt int) string) string {
	for attempt := 0; ; attempt++ {
		n := name(attempt)
		if attempt >= 40 {
			n = fmt.Sprintf("%s %d", n, 2+r.IntN(98))
		}
		if k := nameKey(n); !taken[k] {
			taken[k] = true
			return n
		}
	}
}

// ---- organisation names ----

func backVowels(s string) bool { return strings.ContainsAny(strings.ToLower(s), "aou") }

// place returns an invented place name in the nominative and genitive.
func place(r *rand.Rand, withDirection bool) (nom, gen string) {
	for {
		stem := pick(r, placeStems)
		end := pick(r, placeEnds)
		if strings.EqualFold(stem, end.nom) {
			continue
		}
		if end.nom == "" { // -la / -lä
			if backVowels(stem) {
				end = placeEnd{"la", "lan"}
			} else {
				end = placeEnd{"lä", "län"}
			}
		}
		nom, gen = stem+end.nom, stem+end.gen
		if withDirection {
			d := pick(r, directions)
			nom, gen = d+nom, d+gen
		}
		return nom, gen
	}
}

// area is an invented larger area in the genitive: a named area, or the
// surroundings of a place ("Koivujärven seudun").
func area(r *rand.Rand, attempt int) string {
	if attempt < 3 && chance(r, 0.5) {
		a := pick(r, areas)
		if chance(r, 0.25) {
			return pick(r, directions) + a.gen
		}
		return a.gen
	}
	_, gen := place(r, chance(r, 0.15))
	return gen + " seudun"
}

func brand(r *rand.Rand) string {
	h, t := pick(r, brandHeads), pick(r, brandTails)
	return h + t
}

func orgName(r *rand.Rand, kind model.OrganisationKind, region, attempt int) string {
	dir := attempt > 5 && chance(r, 0.5)
	switch kind {
	case model.KindMunicipality:
		_, gen := place(r, dir || chance(r, 0.12))
		switch x := r.Float64(); {
		case x < 0.55:
			return gen + " kaupunki"
		case x < 0.9:
			return gen + " kunta"
		default:
			return gen + " kaupunki, hyvinvoinnin toimiala"
		}
	case model.KindWellbeingServicesCounty:
		return area(r, attempt) + " hyvinvointialue"
	case model.KindHospitalDistrict:
		return area(r, attempt) + " sairaanhoitopiiri"
	case model.KindStateAgency:
		if region >= 0 {
			_, gen := place(r, dir)
			return gen + pick(r, []string{" TE-toimisto", " ELY-keskus", " aluehallintovirasto", " Kelan toimisto"})
		}
		if attempt > 8 {
			_, gen := place(r, dir)
			return gen + " " + strings.ToLower(pick(r, stateAgencyThemes)) + " " + pick(r, stateAgencyNouns)
		}
		return pick(r, stateAgencyThemes) + " " + pick(r, stateAgencyNouns)
	case model.KindCompany:
		b := brand(r)
		if attempt > 6 {
			nom, _ := place(r, false)
			b += " " + nom
		}
		return fmt.Sprintf(pick(r, companyTemplates), b)
	case model.KindCooperative:
		switch {
		case chance(r, 0.4):
			return brand(r) + " -osuuskunta"
		case chance(r, 0.5):
			return "Osuuskunta " + brand(r)
		default:
			_, gen := place(r, dir)
			return gen + " " + strings.ToLower(pick(r, cooperativeServices)) + "osuuskunta"
		}
	case model.KindSocialEnterprise:
		b := brand(r)
		if attempt > 6 {
			nom, _ := place(r, false)
			b += " " + nom
		}
		return b + pick(r, []string{" Oy", " Työpalvelut Oy", " Työpaja Oy", " Sosiaalinen yritys Oy"})
	case model.KindNetwork:
		if chance(r, 0.5) && attempt < 4 {
			return pick(r, thirdNetworkThemes) + pick(r, []string{" keskusliitto ry", " verkosto ry", " liitto ry", " yhteistyöfoorumi"})
		}
		if chance(r, 0.5) {
			return fmt.Sprintf(pick(r, privateNetworkNames), brand(r))
		}
		return area(r, attempt) + pick(r, []string{" järjestöverkosto", " yrittäjäverkosto", " järjestöjen yhteistyöverkosto"})
	case model.KindAssociation:
		if region < 0 {
			switch x := r.Float64(); {
			case x < 0.4 && attempt < 10:
				return "Suomen " + pick(r, associationThemes) + " ry"
			case x < 0.7:
				return brand(r) + " ry"
			default:
				return pick(r, thirdNetworkThemes) + " liitto ry"
			}
		}
		switch x := r.Float64(); {
		case x < 0.05:
			return "Föreningen " + pick(r, svAssociationThemes) + " i " + pick(r, svPlaces) + " rf"
		case x < 0.15:
			_, gen := place(r, dir)
			return gen + " " + pick(r, ethnicAssociations) + " ry"
		case x < 0.25:
			return brand(r) + " ry"
		default:
			_, gen := place(r, dir)
			return gen + " " + pick(r, associationThemes) + " ry"
		}
	case model.KindFoundation:
		switch x := r.Float64(); {
		case x < 0.35:
			o := origins[0]
			return pick(r, o.female) + " ja " + pick(r, o.male) + " " + surnameGenitive(r, o.surnames) + " säätiö sr"
		case x < 0.7:
			_, gen := place(r, dir)
			return gen + " " + strings.ToLower(pick(r, foundationThemes)) + "säätiö sr"
		default:
			return brand(r) + "-säätiö sr"
		}
	case model.KindUniversity:
		if chance(r, 0.08) {
			return pick(r, svPlaces) + "s universitet"
		}
		return area(r, attempt) + pick(r, []string{" yliopisto", " yliopisto", " tiedeyliopisto", " teknillinen yliopisto"})
	case model.KindUniversityAppliedScience:
		if chance(r, 0.08) {
			return "Yrkeshögskolan " + pick(r, svPlaces)
		}
		return area(r, attempt) + " ammattikorkeakoulu"
	case model.KindResearchInstitute:
		if attempt > 4 {
			return area(r, attempt) + " " + strings.ToLower(pick(r, researchThemes)) + " " + pick(r, researchNouns)
		}
		return pick(r, researchThemes) + " " + pick(r, researchNouns)
	}
	return brand(r) + " ry"
}

// surnameGenitive makes "Lehtisen" of "Lehtinen", for the surnames whose
// genitive is regular (-nen and -la/-lä); others are skipped.
func surnameGenitive(r *rand.Rand, surnames []string) string {
	for {
		s := pick(r, surnames)
		switch {
		case strings.HasSuffix(s, "nen"):
			return strings.TrimSuffix(s, "nen") + "sen"
		case strings.HasSuffix(s, "la"), strings.HasSuffix(s, "lä"):
			return s + "n"
		}
	}
}

var asciiFold = strings.NewReplacer("ä", "a", "ö", "o", "å", "a", "õ", "o", "ü", "u", "é", "e",
	"Ä", "a", "Ö", "o", "Å", "a")

// slug makes a host-name label of a name: "Koivujärven kunta" → "koivujarven-kunta".
func slug(name string) string {
	s := strings.ToLower(asciiFold.Replace(name))
	var b strings.Builder
	dash := false
	for _, c := range s {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	for _, legal := range []string{"-oy", "-ry", "-sr", "-rf"} {
		out = strings.TrimSuffix(out, legal)
	}
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}

func uniqueSlug(taken map[string]bool, name string) string {
	base := slug(name)
	s := base
	for n := 2; taken[s]; n++ {
		s = fmt.Sprintf("%s-%d", base, n)
	}
	taken[s] = true
	return s
}

// kindPhrase names a kind of organisation in running English text.
func kindPhrase(k model.OrganisationKind) string {
	switch k {
	case model.KindMunicipality:
		return "a municipality"
	case model.KindWellbeingServicesCounty:
		return "a wellbeing services county"
	case model.KindHospitalDistrict:
		return "a hospital district"
	case model.KindStateAgency:
		return "a state agency"
	case model.KindCompany:
		return "a company"
	case model.KindCooperative:
		return "a cooperative"
	case model.KindSocialEnterprise:
		return "a social enterprise"
	case model.KindAssociation:
		return "an association"
	case model.KindFoundation:
		return "a foundation"
	case model.KindNetwork:
		return "a network"
	case model.KindUniversity:
		return "a university"
	case model.KindUniversityAppliedScience:
		return "a university of applied sciences"
	case model.KindResearchInstitute:
		return "a research institute"
	}
	return "an organisation"
}

// kindPlural is the plural of kindPhrase without the article.
func kindPlural(k model.OrganisationKind) string {
	switch k {
	case model.KindMunicipality:
		return "municipalities"
	case model.KindWellbeingServicesCounty:
		return "wellbeing services counties"
	case model.KindHospitalDistrict:
		return "hospital districts"
	case model.KindStateAgency:
		return "state agencies"
	case model.KindCompany:
		return "companies"
	case model.KindCooperative:
		return "cooperatives"
	case model.KindSocialEnterprise:
		return "social enterprises"
	case model.KindAssociation:
		return "associations"
	case model.KindFoundation:
		return "foundations"
	case model.KindNetwork:
		return "networks"
	case model.KindUniversity:
		return "universities"
	case model.KindUniversityAppliedScience:
		return "universities of applied sciences"
	case model.KindResearchInstitute:
		return "research institutes"
	}
	return "organisations"
}

var numberWords = []string{"", "one", "two", "three", "four", "five"}

// kindsPhrase says "two companies and an association".
func kindsPhrase(kinds []model.OrganisationKind) string {
	var order []model.OrganisationKind
	var counts []int
	for _, k := range kinds {
		if i := slices.Index(order, k); i >= 0 {
			counts[i]++
		} else {
			order, counts = append(order, k), append(counts, 1)
		}
	}
	parts := make([]string, len(order))
	for i, k := range order {
		if counts[i] == 1 {
			parts[i] = kindPhrase(k)
		} else {
			parts[i] = numberWords[min(counts[i], len(numberWords)-1)] + " " + kindPlural(k)
		}
	}
	return joinAnd(parts)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func orgDescription(kind model.OrganisationKind, region int, topics []string) string {
	where := "working nationwide"
	if region >= 0 {
		where = "in " + regions[region].name
	}
	return fmt.Sprintf("%s %s. Works on %s.", capitalise(kindPhrase(kind)), where, joinAnd(topics))
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
