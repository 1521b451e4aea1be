package synth

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
)

// Collaboration model. The lead is an organisation with people, chosen with
// weight people^0.7 (big organisations lead more, but not proportionally
// more). The number of distinct sectors among the partners is drawn from
// collabSectorSpan, the number of partners from collabPartnerCount (raised
// to the sector count when needed); the extra sectors join the lead's with
// sectorAffinity; partners are picked by size weight, preferring the
// lead's region and organisations that share a topic with the lead.
var (
	// Index: number of distinct sectors. Mostly one sector, some two,
	// few three or four.
	collabSectorSpan = []float64{0, 0.55, 0.30, 0.11, 0.04}
	// Index: number of partners, the lead included.
	collabPartnerCount = []float64{0, 0, 0.35, 0.30, 0.20, 0.15}
	// sectorAffinity[lead][other] weighs which sectors join a lead's
	// (PUBLIC, PRIVATE, THIRD, ACADEMIA): public–third is the classic
	// pairing of the Finnish partnership models.
	sectorAffinity = [4][4]float64{
		{0, 1.0, 1.6, 0.8},
		{1.2, 0, 1.0, 0.7},
		{1.6, 0.8, 0, 0.6},
		{1.2, 0.8, 1.0, 0},
	}
	// In the order of model.AllPhases.
	phaseMix = []float64{0.12, 0.13, 0.17, 0.33, 0.25}
	// In the order of model.AllCollaborationForms: grant agreement,
	// partnership agreement, facilities, functional cooperation, project.
	formMix       = []float64{0.20, 0.20, 0.10, 0.15, 0.35}
	contributorsN = []float64{0, 0.25, 0.35, 0.25, 0.15}
	ratingMix     = []float64{0, 0.04, 0.10, 0.26, 0.40, 0.20}
	// maxAge bounds how long ago (days before Reference) a collaboration
	// in each phase last moved: early phases are recent.
	maxAge       = []int{365, 540, 720, 3650, 5475}
	pRegression  = 0.18 // a collaboration went back a phase once
	earliestDate = time.Date(2003, 1, 1, 0, 0, 0, 0, time.UTC)
)

var regressionNotes = []string{
	"Agreements renegotiated after key people changed.",
	"A partner left; the remaining partners revisited the goals.",
	"Funding ended; the partners looked for new ones.",
	"Goals revised after the first evaluation round.",
	"Services moved to the wellbeing services county; agreements were redone.",
}

// NextCollaborations returns the next at most n collaborations, or nil when
// all are made. It must be called only after NextPeople has returned nil:
// contributors are drawn from the people generated.
func (g *Generator) NextCollaborations(n int) []store.ImportCollaboration {
	if g.nextPerson < g.plan.People {
		panic("synth: NextCollaborations called before all people were generated")
	}
	if g.nextCollab >= g.plan.Collaborations {
		return nil
	}
	if g.leadPool == nil {
		g.leadPool = &pool{}
		for i, m := range g.members {
			if m > 0 {
				g.leadPool.add(i, math.Pow(float64(m), 0.7))
			}
		}
	}
	end := min(g.plan.Collaborations, g.nextCollab+max(1, n))
	out := make([]store.ImportCollaboration, 0, end-g.nextCollab)
	for ; g.nextCollab < end; g.nextCollab++ {
		out = append(out, g.collaboration(g.nextCollab))
	}
	return out
}

func isFunderKind(k model.OrganisationKind) bool {
	switch k {
	case model.KindStateAgency, model.KindFoundation, model.KindMunicipality, model.KindWellbeingServicesCounty:
		return true
	}
	return false
}

func isFacilityKind(k model.OrganisationKind) bool {
	switch k {
	case model.KindMunicipality, model.KindWellbeingServicesCounty, model.KindAssociation, model.KindFoundation,
		model.KindUniversity, model.KindUniversityAppliedScience:
		return true
	}
	return false
}

func (g *Generator) personID(num int32) string { return g.prefix + "person-" + pad(int(num), 7) }

func (g *Generator) collaboration(j int) store.ImportCollaboration {
	r := g.reseed(streamCollaborations, j)
	id := fmt.Sprintf("%scollab-%06d", g.prefix, j+1)
	lead := g.leadPool.pick(r)
	leadOrg := g.orgs[lead]

	// Partners.
	k := weighted(r, collabSectorSpan)
	n := max(weighted(r, collabPartnerCount), k)
	secs := []int{leadOrg.sector}
	for len(secs) < k {
		ws := sectorAffinity[leadOrg.sector]
		for _, s := range secs {
			ws[s] = 0
		}
		secs = append(secs, weighted(r, ws[:]))
	}
	// Each other partner is picked among the organisations that share one
	// of the lead's topics when there are any (taking the topics in turn).
	order := slices.Clone(leadOrg.topics)
	r.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
	partners := []int{lead}
	for slot := 1; slot < n; slot++ {
		s := leadOrg.sector
		if slot < k {
			s = secs[slot]
		} else if !chance(r, 0.6) {
			s = secs[r.IntN(k)]
		}
		best := -1
		if tp := &g.topicPools[s][order[(slot-1)%len(order)]]; !tp.empty() {
			for try := 0; try < 8 && best < 0; try++ {
				if o := tp.pick(r, leadOrg.region, 0.6); !slices.Contains(partners, o) {
					best = o
				}
			}
		}
		for try := 0; try < 12 && best < 0; try++ {
			if o := g.sectorPools[s].pick(r, leadOrg.region, 0.6); !slices.Contains(partners, o) {
				best = o
			}
		}
		if best >= 0 {
			partners = append(partners, best)
		}
	}
	for o := 0; len(partners) < 2 && o < len(g.orgs); o++ { // only in tiny graphs
		if !slices.Contains(partners, o) {
			partners = append(partners, o)
		}
	}
	// Topics: 1–3 of the lead's, those shared with more partners first;
	// unshared ones only when none is shared.
	shared := make([]int, len(order))
	for t, topic := range order {
		for _, o := range partners[1:] {
			if slices.Contains(g.orgs[o].topics, topic) {
				shared[t]++
			}
		}
	}
	byShared := make([]int, len(order))
	for t := range byShared {
		byShared[t] = t
	}
	slices.SortStableFunc(byShared, func(a, b int) int { return shared[b] - shared[a] })
	want := []int{1, 2, 2, 3}[r.IntN(4)]
	var topics []int
	allShared := true
	for _, t := range byShared {
		if len(topics) < want && (shared[t] > 0 || len(topics) == 0) {
			topics = append(topics, order[t])
			allShared = allShared && shared[t] > 0
		}
	}

	// Form and partner roles.
	form := model.AllCollaborationForms[weighted(r, formMix)]
	roles := make([]model.PartnerRole, len(partners))
	roles[0] = model.PartnerLead
	for i := 1; i < len(roles); i++ {
		roles[i] = model.PartnerPartner
	}
	assign := func(role model.PartnerRole, fits func(model.OrganisationKind) bool, fallback bool) {
		for i := 1; i < len(partners); i++ {
			if fits(g.orgs[partners[i]].kind) {
				roles[i] = role
				return
			}
		}
		if fallback {
			roles[len(roles)-1] = role
		}
	}
	switch form {
	case model.FormGrantAgreement:
		assign(model.PartnerFunder, isFunderKind, chance(r, 0.5))
	case model.FormFacilities:
		assign(model.PartnerFacilityProvider, isFacilityKind, true)
	default:
		if chance(r, 0.12) {
			assign(model.PartnerFunder, isFunderKind, false)
		}
	}

	// Contributors: people with a stint at a partner, the first from the lead.
	var contributors []model.Contribution
	var people []int32
	want = weighted(r, contributorsN)
	for try := 0; len(people) < want && try < 16; try++ {
		o := lead
		if try > 0 && !chance(r, 0.4) {
			o = partners[1+r.IntN(len(partners)-1)]
		}
		sample := g.reservoir[o]
		if len(sample) == 0 {
			continue
		}
		p := sample[r.IntN(len(sample))]
		if slices.Contains(people, p) {
			continue
		}
		role := model.ContributorLead
		if len(people) > 0 {
			role = []model.ContributorRole{model.ContributorCoordinator, model.ContributorExpert, model.ContributorExpert,
				model.ContributorFacilitator, model.ContributorMember, model.ContributorMember}[r.IntN(6)]
			if g.orgs[o].sector == 2 && chance(r, 0.3) {
				role = model.ContributorVolunteer
			}
		}
		people = append(people, p)
		contributors = append(contributors, model.Contribution{CollaborationID: id, PersonID: g.personID(p), Role: role})
	}

	// Phases: forward from NEED_IDENTIFIED to the current phase, perhaps
	// with one step back and forward again; days between steps.
	target := weighted(r, phaseMix)
	regress := target >= 2 && chance(r, pRegression)
	regressAt := min(target, 3)
	var steps []model.CollaborationPhase
	var gaps []int
	var notes []string
	step := func(p int, gap int, note string) {
		steps, gaps, notes = append(steps, model.AllPhases[p]), append(gaps, gap), append(notes, note)
	}
	firstNote := ""
	if chance(r, 0.3) {
		firstNote = "Need raised by " + kindPhrase(leadOrg.kind) + "."
	}
	step(0, 0, firstNote)
	for p := 1; p <= target; p++ {
		gap := 30 + r.IntN(150)
		if model.AllPhases[p] == model.PhaseEvaluated {
			gap = 365 + r.IntN(1460)
		}
		step(p, gap, "")
		if regress && p == regressAt {
			step(p-1, 120+r.IntN(780), pick(r, regressionNotes))
			step(p, 60+r.IntN(180), "")
		}
	}
	total := 0
	for _, gp := range gaps {
		total += gp
	}
	ref := Reference.Time()
	t0 := ref.AddDate(0, 0, -r.IntN(maxAge[target])-total)
	if t0.Before(earliestDate) {
		t0 = earliestDate
	}
	history := make([]model.PhaseChange, len(steps))
	at := t0
	for i := range steps {
		at = at.AddDate(0, 0, gaps[i])
		history[i] = model.PhaseChange{Phase: steps[i], At: at, Note: notes[i]}
	}
	startAt := history[0].At
	if len(history) > 1 && chance(r, 0.6) {
		startAt = history[1].At
	}
	start := model.DateOf(startAt)
	c := model.Collaboration{
		ID: id, Form: form, Phase: model.AllPhases[target], StartDate: &start,
	}
	if c.Phase == model.PhaseEvaluated {
		evalAt := history[len(history)-1].At
		launched := startAt
		for _, h := range history {
			if h.Phase == model.PhaseLaunched {
				launched = h.At
			}
		}
		if chance(r, 0.75) {
			endAt := evalAt.AddDate(0, 0, -r.IntN(120))
			if endAt.Before(launched) {
				endAt = launched
			}
			if endAt.Before(startAt) {
				endAt = startAt
			}
			end := model.DateOf(endAt)
			c.EndDate = &end
		}
		c.Evaluation = &model.Evaluation{Rating: weighted(r, ratingMix), Notes: pick(r, evaluationNotes), EvaluatedAt: evalAt}
	}

	// Words.
	topicIDs := make([]string, len(topics))
	for i, t := range topics {
		topicIDs[i] = g.topics[t].ID
	}
	mainTopic := g.topics[topics[0]].Name
	if leadOrg.region >= 0 && chance(r, 0.3) {
		c.Title = mainTopic + " in " + regions[leadOrg.region].name
	} else if form == model.FormGrantAgreement && chance(r, 0.4) {
		c.Title = mainTopic + ": grant-funded service"
	} else if form == model.FormFacilities && chance(r, 0.5) {
		c.Title = mainTopic + ": shared premises"
	} else {
		c.Title = fmt.Sprintf(pick(r, collabPatterns), mainTopic)
	}
	where := ""
	if leadOrg.region >= 0 {
		where = " in " + regions[leadOrg.region].name
	}
	var others []model.OrganisationKind
	for _, o := range partners[1:] {
		others = append(others, g.orgs[o].kind)
	}
	c.Description = fmt.Sprintf("%s led by %s%s, with %s.", formPhrase(form), kindPhrase(leadOrg.kind), where, kindsPhrase(others))

	ic := store.ImportCollaboration{Collaboration: c, TopicIDs: topicIDs, Contributors: contributors, PhaseHistory: history}
	for i, o := range partners {
		ic.Partners = append(ic.Partners, model.Partnership{CollaborationID: id, OrganisationID: g.orgs[o].id, Role: roles[i]})
	}

	st := &g.stats
	st.Collaborations++
	var psecs []int
	for _, o := range partners {
		if s := g.orgs[o].sector; !slices.Contains(psecs, s) {
			psecs = append(psecs, s)
		}
	}
	st.CollabSectors[len(psecs)]++
	st.CollabPartners[len(partners)]++
	st.Phases[target]++
	st.Forms[slices.Index(model.AllCollaborationForms, form)]++
	st.Contributions += len(contributors)
	st.PhaseChanges += len(history)
	if regress {
		st.Regressions++
	}
	if allShared {
		st.CollabTopicsShared++
	}
	return ic
}

func formPhrase(f model.CollaborationForm) string {
	switch f {
	case model.FormGrantAgreement:
		return "A grant-funded collaboration"
	case model.FormPartnershipAgreement:
		return "A partnership agreement"
	case model.FormFacilities:
		return "A facilities partnership"
	case model.FormFunctionalCooperation:
		return "Functional cooperation"
	}
	return "A joint project"
}
