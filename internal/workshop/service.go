// Package workshop plans and keeps facilitators' workshops: who comes
// (organisations interested in the topic, balanced over the requested
// sectors, and translators), where they sit (tables that mix sectors and
// hold an unusual pairing, each with a translator who spans its sectors),
// and which collaborations a workshop led to. Constraints that cannot be
// met are reported, never silently dropped. It knows nothing of GraphQL.
package workshop

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Limits of a plan.
const (
	MinSize = 6
	MaxSize = 200
	// orgsPerSector caps the candidate organisations read per sector: a
	// sector's share of a workshop is at most half of MaxSize, so this
	// leaves the seed room to choose.
	orgsPerSector = MaxSize
	// peoplePerOrg caps the possible representatives read per organisation.
	peoplePerOrg = 8
	// translatorsPerSource caps the possible translators read per seated
	// organisation and among the topic's experts.
	translatorsPerSource = 12
	// translatorsPerTable: the pool holds this many candidates per table
	// (and translatorsExtra more), the widest spans first.
	translatorsPerTable = 4
	translatorsExtra    = 20
	// pairTranslators is how many translators per sector pair the plan asks
	// internal/bridge for when the topic's own neighbourhood has too few.
	pairTranslators = bridge.MaxMatches
	// MaxListed caps a workshops list.
	MaxListed = 100
)

// Service is the workshop domain's entry point.
type Service struct {
	store  Store
	bridge Translators
}

// New returns a workshop service over st, finding translators with br.
func New(st Store, br Translators) *Service { return &Service{store: st, bridge: br} }

// PlanInput is what a facilitator asks for.
type PlanInput struct {
	TopicID     string
	Size        int
	Tables      int
	MustInclude []string
	Exclude     []string
	Sectors     []model.Sector
	Seed        int
}

func requireManager(caller auth.Principal) error {
	if caller.Anonymous() {
		return errs.Unauthenticated("sign in as a facilitator to plan or edit workshops")
	}
	if !auth.CanManageWorkshops(caller) {
		return auth.Deny(caller, "only facilitators and administrators may plan or edit workshops")
	}
	return nil
}

// checkPlanInput validates and normalises a plan's input.
func (s *Service) checkPlanInput(ctx context.Context, in PlanInput) (model.WorkshopParams, map[string]model.PlanSubject, error) {
	p := model.WorkshopParams{Size: in.Size, Tables: in.Tables, Seed: in.Seed}
	var err error
	if p.TopicID, err = validate.Name("topicId", in.TopicID, validate.MaxName); err != nil {
		return p, nil, err
	}
	if in.Size < MinSize || in.Size > MaxSize {
		return p, nil, errs.Invalid("size", "size must be between %d and %d participants, got %d", MinSize, MaxSize, in.Size)
	}
	if in.Tables < 1 || in.Tables > in.Size/2 {
		return p, nil, errs.Invalid("tables", "tables must be between 1 and size/2 = %d (a table seats a translator and at least one representative), got %d", in.Size/2, in.Tables)
	}
	if p.MustInclude, err = validate.IDs("mustInclude", in.MustInclude); err != nil {
		return p, nil, err
	}
	if p.Exclude, err = validate.IDs("exclude", in.Exclude); err != nil {
		return p, nil, err
	}
	slices.Sort(p.MustInclude)
	slices.Sort(p.Exclude)
	for _, id := range p.MustInclude {
		if slices.Contains(p.Exclude, id) {
			return p, nil, errs.Invalid("exclude", "%q is both in mustInclude and in exclude", id)
		}
	}
	if len(p.MustInclude) > in.Size-in.Tables {
		return p, nil, errs.Invalid("mustInclude", "mustInclude names %d, more than the %d representative seats", len(p.MustInclude), in.Size-in.Tables)
	}
	sectors := in.Sectors
	if len(sectors) == 0 {
		sectors = model.AllSectors
	}
	for _, sec := range model.AllSectors { // canonical order, no duplicates
		if slices.Contains(sectors, sec) {
			p.Sectors = append(p.Sectors, sec)
		}
	}
	if len(p.Sectors) < 2 {
		return p, nil, errs.Invalid("sectors", "sectors must name at least two sectors to mix, got %d", len(p.Sectors))
	}
	topics, err := s.store.TopicsByID(ctx, []string{p.TopicID})
	if _, err := errs.Lookup("topic", p.TopicID, topics, err); err != nil {
		return p, nil, err
	}
	ids := append(slices.Clone(p.MustInclude), p.Exclude...)
	subjects, err := s.store.PlanSubjects(ctx, ids)
	if err != nil {
		return p, nil, fmt.Errorf("resolve mustInclude and exclude: %w", err)
	}
	for _, id := range ids {
		if _, ok := subjects[id]; !ok {
			// A private person is reported like an unknown id: it must not
			// be possible to probe for them.
			return p, nil, errs.NotFound("organisation or person", id)
		}
	}
	return p, subjects, nil
}

// Plan makes a seating proposal without saving it.
func (s *Service) Plan(ctx context.Context, caller auth.Principal, in PlanInput) (*model.WorkshopPlan, error) {
	if err := requireManager(caller); err != nil {
		return nil, err
	}
	params, subjects, err := s.checkPlanInput(ctx, in)
	if err != nil {
		return nil, err
	}
	return s.plan(ctx, params, subjects)
}

func (s *Service) plan(ctx context.Context, params model.WorkshopParams, subjects map[string]model.PlanSubject) (*model.WorkshopPlan, error) {
	// Excluding an organisation also keeps its people from representing it;
	// excluding a person keeps them off every seat.
	candidates, err := s.store.PlanCandidates(ctx, params.TopicID, params.Sectors, params.Exclude, orgsPerSector)
	if err != nil {
		return nil, fmt.Errorf("find organisations for topic %s: %w", params.TopicID, err)
	}
	list := make([]*model.PlanOrganisation, len(candidates))
	for i := range candidates {
		list[i] = &candidates[i]
	}
	orgs := map[string]*model.PlanOrganisation{} // with their people loaded
	forced, err := s.forcedReps(ctx, params, subjects, orgs)
	if err != nil {
		return nil, err
	}
	bySector := shuffleBySector(newRand(params.Seed, streamOrganisations), list, params.Sectors)
	chosen, err := s.chooseLoading(ctx, params, bySector, forced, orgs)
	if err != nil {
		return nil, err
	}
	orgIDs := make([]string, 0, len(chosen.reps))
	for _, r := range chosen.reps {
		if !slices.Contains(orgIDs, r.org.ID) {
			orgIDs = append(orgIDs, r.org.ID)
		}
	}
	slices.Sort(orgIDs)
	pairs, err := s.store.CollaboratedPairs(ctx, orgIDs)
	if err != nil {
		return nil, fmt.Errorf("find past partners: %w", err)
	}
	unusual := newPairing(pairs)
	tables := deal(chosen.reps, params.Sectors, params.Tables)
	improvePairings(tables, unusual)

	plan := &model.WorkshopPlan{Params: params}
	seated := map[string]bool{}
	for t, table := range tables {
		for _, r := range table {
			plan.Participants = append(plan.Participants, &model.WorkshopParticipant{
				PersonID: r.person, OrganisationID: r.org.ID, Table: t + 1, Role: model.RoleOrganisationRep})
			seated[r.person] = true
		}
	}
	tableSectors := make([][]model.Sector, len(tables))
	for t, table := range tables {
		tableSectors[t] = sectorsOf(table)
	}
	pool, err := s.translatorPool(ctx, params, orgIDs, seated, tableSectors)
	if err != nil {
		return nil, err
	}
	byID := map[string]Translator{}
	for _, tr := range pool {
		byID[tr.ID] = tr
	}
	for t, id := range assignTranslators(tableSectors, pool) {
		if id != "" {
			plan.Participants = append(plan.Participants, &model.WorkshopParticipant{
				PersonID: id, Table: t + 1, Role: model.RoleTranslator})
		}
	}
	model.SortSeats(plan.Participants)
	evaluate(plan, facts{orgs: orgs, unusual: unusual, translators: byID, subjects: subjects})
	return plan, nil
}

// chooseLoading picks the representatives, loading the people of the
// organisations in the order they are asked: first a few more than each
// sector's share, then twice as many, until the seats are filled or the
// candidates run out. Only the organisations asked are read, so a topic
// with thousands of organisations costs no more than one with a hundred.
func (s *Service) chooseLoading(ctx context.Context, params model.WorkshopParams, bySector map[model.Sector][]*model.PlanOrganisation,
	forced []rep, orgs map[string]*model.PlanOrganisation) (pick, error) {
	seats := params.Size - params.Tables
	quota := quotas(seats, params.Sectors)
	for n := 0; ; {
		n = max(2*n, 2*slices.Max(mapValues(quota))+4)
		var load []string
		asked := map[model.Sector][]*model.PlanOrganisation{}
		more := false
		for _, sec := range params.Sectors {
			list := bySector[sec]
			more = more || len(list) > n
			for _, o := range list[:min(n, len(list))] {
				if orgs[o.ID] == nil {
					load = append(load, o.ID)
				}
			}
		}
		if len(load) > 0 {
			slices.Sort(load)
			loaded, err := s.store.PlanOrganisationsByID(ctx, params.TopicID, load, params.Exclude, peoplePerOrg)
			if err != nil {
				return pick{}, fmt.Errorf("load representatives: %w", err)
			}
			for i := range loaded {
				orgs[loaded[i].ID] = &loaded[i]
			}
		}
		for _, sec := range params.Sectors {
			for _, o := range bySector[sec][:min(n, len(bySector[sec]))] {
				if full := orgs[o.ID]; full != nil {
					asked[sec] = append(asked[sec], full)
				}
			}
		}
		chosen := chooseReps(newRand(params.Seed, streamPeople), seats, params.Sectors, asked, forced)
		if len(chosen.reps) >= seats || !more {
			return chosen, nil
		}
	}
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// forcedReps turns mustInclude into representatives: an organisation is
// represented by one of its people; a person represents the first of their
// current organisations, in the requested sectors when possible. Those that
// cannot be seated are left out here and reported by evaluate.
func (s *Service) forcedReps(ctx context.Context, params model.WorkshopParams, subjects map[string]model.PlanSubject, orgs map[string]*model.PlanOrganisation) ([]rep, error) {
	need := []string{}
	for _, id := range params.MustInclude {
		sub := subjects[id]
		if sub.IsOrg {
			need = append(need, id)
		} else {
			need = append(need, sub.CurOrgs...)
		}
	}
	var missing []string
	for _, id := range need {
		if orgs[id] == nil && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		extra, err := s.store.PlanOrganisationsByID(ctx, params.TopicID, missing, params.Exclude, peoplePerOrg)
		if err != nil {
			return nil, fmt.Errorf("load must-include organisations: %w", err)
		}
		for i := range extra {
			orgs[extra[i].ID] = &extra[i]
		}
	}
	var out []rep
	taken := map[string]bool{}
	for _, id := range params.MustInclude {
		sub := subjects[id]
		if sub.IsOrg {
			o := orgs[id]
			if o == nil || slices.Contains(params.Exclude, id) {
				continue
			}
			for _, p := range o.People {
				if !taken[p.ID] && !slices.Contains(params.MustInclude, p.ID) {
					out = append(out, rep{person: p.ID, org: o, forced: true})
					taken[p.ID] = true
					break
				}
			}
			continue
		}
		var best *model.PlanOrganisation
		for _, oid := range sub.CurOrgs {
			o := orgs[oid]
			if o == nil || slices.Contains(params.Exclude, oid) {
				continue
			}
			if best == nil || (slices.Contains(params.Sectors, o.Sector) && !slices.Contains(params.Sectors, best.Sector)) {
				best = o
			}
		}
		if best != nil && !taken[id] {
			out = append(out, rep{person: id, org: best, forced: true})
			taken[id] = true
		}
	}
	return out, nil
}

// translatorPool finds possible translators: first around the topic and
// the chosen organisations; when some table has nobody spanning its
// sectors, also internal/bridge's best translators for each sector pair.
// Their years per sector come from internal/bridge's bridging profiles.
func (s *Service) translatorPool(ctx context.Context, params model.WorkshopParams, orgIDs []string, seated map[string]bool, tableSectors [][]model.Sector) ([]Translator, error) {
	exclude := slices.Clone(params.Exclude)
	for id := range seated {
		exclude = append(exclude, id)
	}
	slices.Sort(exclude)
	near, err := s.store.PlanTranslators(ctx, params.TopicID, orgIDs, exclude, translatorsPerSource,
		translatorsPerTable*params.Tables+translatorsExtra)
	if err != nil {
		return nil, fmt.Errorf("find translators for topic %s: %w", params.TopicID, err)
	}
	expert := map[string]bool{}
	ids := make([]string, 0, len(near))
	for _, tr := range near {
		ids = append(ids, tr.ID)
		expert[tr.ID] = tr.Expert
	}
	pool, err := s.profiles(ctx, ids, expert)
	if err != nil {
		return nil, err
	}
	if !coversAll(tableSectors, pool) {
		more, err := s.pairTranslators(ctx, params.Sectors, seated, params.Exclude, ids)
		if err != nil {
			return nil, err
		}
		extra, err := s.profiles(ctx, more, expert)
		if err != nil {
			return nil, err
		}
		pool = append(pool, extra...)
	}
	slices.SortFunc(pool, func(a, b Translator) int { return cmp.Compare(a.ID, b.ID) })
	return pool, nil
}

// pairTranslators asks internal/bridge for the best translators between
// each pair of sectors, among the people every reader of a workshop may
// see (auth.MembersScope): whoever plans it, a plan seats no private people.
func (s *Service) pairTranslators(ctx context.Context, sectors []model.Sector, seated map[string]bool, exclude, known []string) ([]string, error) {
	var out []string
	for i := range sectors {
		for j := i + 1; j < len(sectors); j++ {
			matches, err := s.bridge.TranslatorsBetweenSectors(ctx, auth.MembersScope(),
				bridge.Query{Sectors: []model.Sector{sectors[i], sectors[j]}, Limit: pairTranslators})
			if err != nil {
				return nil, fmt.Errorf("find translators between %s and %s: %w", sectors[i], sectors[j], err)
			}
			for _, m := range matches {
				id := m.Person.ID
				if m.Person.Visibility == model.VisibilityPrivate || seated[id] || slices.Contains(exclude, id) ||
					slices.Contains(known, id) || slices.Contains(out, id) {
					continue
				}
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

func (s *Service) profiles(ctx context.Context, ids []string, expert map[string]bool) ([]Translator, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	profiles, err := s.bridge.BridgingProfiles(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("load translator profiles: %w", err)
	}
	out := make([]Translator, 0, len(ids))
	for _, id := range ids {
		bp := profiles[id]
		if bp == nil {
			continue
		}
		tr := Translator{ID: id, Expert: expert[id], Years: map[model.Sector]float64{}}
		for _, se := range bp.Sectors {
			tr.Years[se.Sector] = se.Years
		}
		out = append(out, tr)
	}
	return out, nil
}

// coversAll reports whether every table could get its own translator
// spanning all its sectors (a quick check; assignment decides).
func coversAll(tableSectors [][]model.Sector, pool []Translator) bool {
	return !slices.ContainsFunc(assignTranslators(tableSectors, pool), func(id string) bool { return id == "" }) &&
		!slices.ContainsFunc(tableSectors, func(secs []model.Sector) bool {
			return !slices.ContainsFunc(pool, func(tr Translator) bool { return fit(tr, secs).covers == len(secs) })
		})
}
