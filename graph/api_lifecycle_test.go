package graph_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/storetest"
)

// ---- the phase history: who moved it, when, in what order ----

const historyQuery = `query($id:ID!){ collaboration(id:$id){ phase createdAt updatedAt evaluation { rating }
	phaseHistory { phase at note movedBy { id } movedBySubject } } }`

type historyEntry struct {
	Phase, At      string
	Note           *string
	MovedBy        *struct{ ID string }
	MovedBySubject *string
}

type collabHistory struct {
	Phase, CreatedAt, UpdatedAt string
	Evaluation                  *struct{ Rating int }
	PhaseHistory                []historyEntry
}

func (a *api) history(id string) collabHistory {
	a.t.Helper()
	var out struct{ Collaboration collabHistory }
	a.ok(historyQuery, map[string]any{"id": id}, &out)
	return out.Collaboration
}

// movers lists who each entry says moved it: the person id, or "-" for null.
func (h collabHistory) movers() []string {
	out := make([]string, len(h.PhaseHistory))
	for i, e := range h.PhaseHistory {
		out[i] = "-"
		if e.MovedBy != nil {
			out[i] = e.MovedBy.ID
		}
	}
	return out
}

// subjects lists each entry's movedBySubject, "-" for null.
func (h collabHistory) subjects() []string {
	out := make([]string, len(h.PhaseHistory))
	for i, e := range h.PhaseHistory {
		out[i] = "-"
		if e.MovedBySubject != nil {
			out[i] = *e.MovedBySubject
		}
	}
	return out
}

func (h collabHistory) phases() []string {
	out := make([]string, len(h.PhaseHistory))
	for i, e := range h.PhaseHistory {
		out[i] = e.Phase
	}
	return out
}

func editorOf(personID, orgID string) auth.Principal {
	return auth.Principal{Subject: personID, Roles: []auth.Role{auth.RoleOrgEditor, auth.RoleProfessional}, Orgs: []string{orgID}}
}

// lifecycleWorld: a collaboration that its LEAD's editor (a MEMBERS
// person) creates and takes to LAUNCHED, and that an editor of the other
// partner (a PRIVATE person) evaluates.
type lifecycleWorld struct {
	collab, creator, evaluator string
}

func buildLifecycle(t *testing.T, a *api) lifecycleWorld {
	t.Helper()
	leadOrg := a.newOrg(map[string]any{"sector": "PUBLIC", "kind": "MUNICIPALITY"})
	partnerOrg := a.newOrg(nil)
	w := lifecycleWorld{
		creator:   a.newPerson(map[string]any{"visibility": "MEMBERS"}),
		evaluator: a.newPerson(map[string]any{"visibility": "PRIVATE"}),
	}
	creator, evaluator := a.as(editorOf(w.creator, leadOrg)), a.as(editorOf(w.evaluator, partnerOrg))
	var out struct{ CreateCollaboration struct{ ID string } }
	creator.ok(`mutation($in:CreateCollaborationInput!){ createCollaboration(input:$in){ id } }`, map[string]any{"in": map[string]any{
		"title": storetest.ID("Elinkaari"), "form": "PROJECT",
		"partners": []any{map[string]any{"organisationId": leadOrg, "role": "LEAD"}, map[string]any{"organisationId": partnerOrg, "role": "PARTNER"}},
	}}, &out)
	w.collab = out.CreateCollaboration.ID
	for _, step := range []struct{ phase, note string }{
		{"PARTNERS_MAPPED", "Kumppanit kartoitettu"}, {"GOALS_AGREED", ""}, {"LAUNCHED", "Käynnistetty"},
	} {
		creator.ok(`mutation($id:ID!,$p:CollaborationPhase!,$n:String){ moveCollaborationPhase(id:$id, phase:$p, note:$n){ id } }`,
			map[string]any{"id": w.collab, "p": step.phase, "n": step.note}, nil)
	}
	evaluator.ok(`mutation($id:ID!){ recordEvaluation(id:$id, input:{rating:4}){ id } }`, map[string]any{"id": w.collab}, nil)
	return w
}

func TestPhaseHistoryRecordsPhaseOrderTimeAndActor(t *testing.T) {
	a := newAPI(t)
	w := buildLifecycle(t, a)
	h := a.history(w.collab)

	wantPhases := []string{"NEED_IDENTIFIED", "PARTNERS_MAPPED", "GOALS_AGREED", "LAUNCHED", "EVALUATED"}
	if !slices.Equal(h.phases(), wantPhases) {
		t.Fatalf("phases = %v, want %v", h.phases(), wantPhases)
	}
	// The administrator sees everyone, and the raw subjects.
	wantMovers := []string{w.creator, w.creator, w.creator, w.creator, w.evaluator}
	if !slices.Equal(h.movers(), wantMovers) {
		t.Fatalf("movedBy = %v, want %v", h.movers(), wantMovers)
	}
	if !slices.Equal(h.subjects(), wantMovers) {
		t.Fatalf("movedBySubject = %v, want %v", h.subjects(), wantMovers)
	}
	notes := make([]string, len(h.PhaseHistory))
	for i, e := range h.PhaseHistory {
		if e.Note != nil {
			notes[i] = *e.Note
		}
	}
	wantNotes := []string{"created", "Kumppanit kartoitettu", "", "Käynnistetty", "evaluation recorded"}
	if !slices.Equal(notes, wantNotes) {
		t.Fatalf("notes = %q, want %q", notes, wantNotes)
	}
	// Dated: the first entry at creation, each at or after the one before,
	// the last at the collaboration's last change.
	if h.PhaseHistory[0].At != h.CreatedAt {
		t.Fatalf("first entry at %s, created at %s", h.PhaseHistory[0].At, h.CreatedAt)
	}
	var last time.Time
	for i, e := range h.PhaseHistory {
		at, err := time.Parse(time.RFC3339Nano, e.At)
		if err != nil || at.Before(last) {
			t.Fatalf("phaseHistory[%d].at = %q is not a time at or after the one before (%v)", i, e.At, err)
		}
		last = at
	}
	if h.PhaseHistory[4].At != h.UpdatedAt {
		t.Fatalf("evaluation entry at %s, collaboration updated at %s", h.PhaseHistory[4].At, h.UpdatedAt)
	}
}

func TestPhaseHistoryActorFollowsVisibility(t *testing.T) {
	a := newAPI(t)
	w := buildLifecycle(t, a)
	// The creator is a MEMBERS person; the evaluator is PRIVATE.
	for _, tc := range []struct {
		name         string
		caller       *api
		movers, subs []string
	}{
		{"anonymous sees no one", a.anonymous(),
			[]string{"-", "-", "-", "-", "-"}, []string{"-", "-", "-", "-", "-"}},
		{"a member sees the MEMBERS creator, not the PRIVATE evaluator", a.as(professional(storetest.ID("member"))),
			[]string{w.creator, w.creator, w.creator, w.creator, "-"}, []string{"-", "-", "-", "-", "-"}},
		{"the private evaluator sees themselves", a.as(professional(w.evaluator)),
			[]string{w.creator, w.creator, w.creator, w.creator, w.evaluator}, []string{"-", "-", "-", "-", "-"}},
		{"an administrator sees both, with subjects", a,
			[]string{w.creator, w.creator, w.creator, w.creator, w.evaluator},
			[]string{w.creator, w.creator, w.creator, w.creator, w.evaluator}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.caller.with(t).history(w.collab)
			if !slices.Equal(h.movers(), tc.movers) {
				t.Fatalf("movedBy = %v, want %v", h.movers(), tc.movers)
			}
			if !slices.Equal(h.subjects(), tc.subs) {
				t.Fatalf("movedBySubject = %v, want %v", h.subjects(), tc.subs)
			}
		})
	}
}

func TestPhaseHistoryForgetsErasedActor(t *testing.T) {
	a := newAPI(t)
	w := buildLifecycle(t, a)
	a.as(professional(w.evaluator)).ok(`mutation{ deleteMyData(confirm:true){ erasedAt } }`, nil, nil)
	h := a.history(w.collab)
	want := []string{w.creator, w.creator, w.creator, w.creator, "-"}
	if !slices.Equal(h.movers(), want) || !slices.Equal(h.subjects(), want) {
		t.Fatalf("after erasure movedBy = %v, movedBySubject = %v, want both %v", h.movers(), h.subjects(), want)
	}
	if h.PhaseHistory[4].Phase != "EVALUATED" {
		t.Fatalf("the erased person's entry itself must stay: %+v", h.PhaseHistory[4])
	}
}

func TestPhaseHistoryActorWithoutProfile(t *testing.T) {
	a := newAPI(t) // test-admin has no person profile
	org := a.newOrg(nil)
	id := a.newCollab(map[string]any{"partners": lead(org)})
	h := a.history(id)
	if got := h.movers(); !slices.Equal(got, []string{"-"}) {
		t.Fatalf("movedBy = %v, want null: the subject is no person", got)
	}
	if got := h.subjects(); !slices.Equal(got, []string{testAdmin.Subject}) {
		t.Fatalf("movedBySubject = %v, want [%s]", got, testAdmin.Subject)
	}
}

func TestMoveToEvaluatedWithoutEvaluationIsRefusedAndChangesNothing(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(nil)
	editor := a.as(editorOf(a.newPerson(nil), org))
	for _, phase := range []string{"NEED_IDENTIFIED", "GOALS_AGREED", "LAUNCHED"} {
		t.Run(phase, func(t *testing.T) {
			a, editor := a.with(t), editor.with(t)
			id := a.newCollab(map[string]any{"partners": lead(org), "phase": phase})
			before := a.raw(historyQuery, map[string]any{"id": id})
			e := editor.fails(`mutation($id:ID!){ moveCollaborationPhase(id:$id, phase:EVALUATED, note:"skip"){ id } }`,
				map[string]any{"id": id}, "CONFLICT")
			if !strings.Contains(e.Message, "evaluation") {
				t.Fatalf("the refusal should say an evaluation is missing: %q", e.Message)
			}
			// Everything, updatedAt and the history included, is as it was.
			assertJSON(t, a.raw(historyQuery, map[string]any{"id": id}), string(before))
		})
	}
}

// ---- nextSteps ----

const nextStepsQuery = `query($id:ID!,$n:Int,$f:TranslatorFilter){ collaboration(id:$id){ nextSteps(first:$n, translatorFilter:$f){
	sector presentSectors explanation
	candidates { organisation { id } sharedTopics { id name } }
	translators { fromSector match { person { id } score } }
} } }`

type nextStep struct {
	Sector         string
	PresentSectors []string
	Explanation    string
	Candidates     []struct {
		Organisation struct{ ID string }
		SharedTopics []struct{ ID, Name string }
	}
	Translators []struct {
		FromSector string
		Match      struct {
			Person struct{ ID string }
			Score  float64
		}
	}
}

func (s nextStep) candidateIDs() []string {
	out := make([]string, len(s.Candidates))
	for i, c := range s.Candidates {
		out[i] = c.Organisation.ID
	}
	return out
}

// translatorIDs lists "fromSector:person" per translator.
func (s nextStep) translatorIDs() []string {
	out := make([]string, len(s.Translators))
	for i, tr := range s.Translators {
		out[i] = tr.FromSector + ":" + tr.Match.Person.ID
	}
	return out
}

// stepsWorld: a collaboration of a PUBLIC and a THIRD partner about topics
// t1 and t2, so PRIVATE and ACADEMIA are missing, with organisations and
// people around it whose place in the answer is known.
type stepsWorld struct {
	region, collab, t1, t2, t1Name, t2Name string
	publicLead, thirdPartner               string
	// PRIVATE: privBoth shares t1 and t2, privOne t1 only, privOther
	// neither (only an unrelated topic).
	privBoth, privOne, privOther string
	// ACADEMIA: acaOne shares t2; acaNone has no interests.
	acaOne, acaNone string
	// thirdOther is THIRD (present) and shares t1: never a candidate.
	thirdOther string
	// People, all in region: pubPriv bridges PUBLIC–PRIVATE, thirdAca
	// THIRD–ACADEMIA; closed (not open to bridging) and hidden (PRIVATE
	// profile) bridge PUBLIC–PRIVATE too.
	pubPriv, thirdAca, closed, hidden string
}

func buildSteps(t *testing.T, a *api) stepsWorld {
	t.Helper()
	w := stepsWorld{region: storetest.ID("steps-region")}
	w.t1, w.t1Name = a.newTopic("Ikääntyminen")
	w.t2, w.t2Name = a.newTopic("Digituki")
	other, _ := a.newTopic("Muu")
	org := func(sector, kind string, topics ...string) string {
		return a.newOrg(map[string]any{"name": storetest.ID(sector), "sector": sector, "kind": kind, "topicIds": topics})
	}
	w.publicLead = org("PUBLIC", "MUNICIPALITY", w.t1)
	w.thirdPartner = org("THIRD", "ASSOCIATION", w.t1, w.t2)
	w.privBoth = org("PRIVATE", "COMPANY", w.t1, w.t2, other)
	w.privOne = org("PRIVATE", "COMPANY", w.t1)
	w.privOther = org("PRIVATE", "COMPANY", other)
	w.acaOne = org("ACADEMIA", "UNIVERSITY", w.t2)
	w.acaNone = org("ACADEMIA", "UNIVERSITY")
	w.thirdOther = org("THIRD", "FOUNDATION", w.t1)
	w.collab = a.newCollab(map[string]any{"phase": "PARTNERS_MAPPED", "topicIds": []string{w.t1, w.t2}, "partners": []any{
		map[string]any{"organisationId": w.publicLead, "role": "LEAD"},
		map[string]any{"organisationId": w.thirdPartner, "role": "PARTNER"},
	}})
	person := func(extra map[string]any, orgs ...string) string {
		in := map[string]any{"region": w.region, "openToBridging": true, "visibility": "PUBLIC"}
		for k, v := range extra {
			in[k] = v
		}
		id := a.newPerson(in)
		for i, o := range orgs {
			a.newExperience(id, o, fmt.Sprintf("%d-01-01", 2010+5*i), fmt.Sprintf("%d-01-01", 2015+5*i))
		}
		return id
	}
	w.pubPriv = person(nil, w.publicLead, w.privOther)
	w.thirdAca = person(nil, w.thirdOther, w.acaNone)
	w.closed = person(map[string]any{"openToBridging": false}, w.publicLead, w.privOne)
	w.hidden = person(map[string]any{"visibility": "PRIVATE"}, w.publicLead, w.privBoth)
	return w
}

// stepsOf reads the nextSteps of collaboration id; vars adds n (first) and
// f (translatorFilter).
func (a *api) stepsOf(id string, vars map[string]any) []nextStep {
	a.t.Helper()
	var out struct {
		Collaboration struct{ NextSteps []nextStep }
	}
	a.ok(nextStepsQuery, merge(map[string]any{"id": id}, vars), &out)
	return out.Collaboration.NextSteps
}

// nextSteps reads the nextSteps of w's collaboration with translators
// from w's region only.
func (a *api) nextSteps(w stepsWorld, first int) []nextStep {
	a.t.Helper()
	return a.stepsOf(w.collab, map[string]any{"n": first, "f": map[string]any{"region": w.region}})
}

func TestNextStepsKnownAnswers(t *testing.T) {
	a := newAPI(t)
	w := buildSteps(t, a)
	steps := a.anonymous().nextSteps(w, 3)

	if len(steps) != 2 || steps[0].Sector != "PRIVATE" || steps[1].Sector != "ACADEMIA" {
		t.Fatalf("steps = %+v, want PRIVATE then ACADEMIA (the missing sectors, canonical order)", steps)
	}
	for _, s := range steps {
		if !slices.Equal(s.PresentSectors, []string{"PUBLIC", "THIRD"}) {
			t.Fatalf("%s: presentSectors = %v", s.Sector, s.PresentSectors)
		}
	}
	private, academia := steps[0], steps[1]

	// Candidates: interested in the collaboration's topics, most shared
	// first; no one without a shared topic, no one from a present sector.
	if got, want := private.candidateIDs(), []string{w.privBoth, w.privOne}; !slices.Equal(got, want) {
		t.Fatalf("PRIVATE candidates = %v, want %v", got, want)
	}
	shared := []string{}
	for _, topic := range private.Candidates[0].SharedTopics {
		shared = append(shared, topic.ID)
	}
	wantShared := []string{w.t2, w.t1} // by name: Digituki before Ikääntyminen
	if !slices.Equal(shared, wantShared) {
		t.Fatalf("shared topics of the first PRIVATE candidate = %v, want %v", shared, wantShared)
	}
	if got, want := academia.candidateIDs(), []string{w.acaOne}; !slices.Equal(got, want) {
		t.Fatalf("ACADEMIA candidates = %v, want %v", got, want)
	}

	// Translators: open to bridging and visible only, from the present
	// sector they know.
	if got, want := private.translatorIDs(), []string{"PUBLIC:" + w.pubPriv}; !slices.Equal(got, want) {
		t.Fatalf("PRIVATE translators = %v, want %v (closed %s and hidden %s must not appear)", got, want, w.closed, w.hidden)
	}
	if got, want := academia.translatorIDs(), []string{"THIRD:" + w.thirdAca}; !slices.Equal(got, want) {
		t.Fatalf("ACADEMIA translators = %v, want %v", got, want)
	}

	// The explanation names the gap, the topics and the translators.
	for _, want := range []string{"No PRIVATE organisation is a partner yet", "PUBLIC and THIRD", "2 PRIVATE organisations",
		w.t1Name, w.t2Name, "1 person open to bridging"} {
		if !strings.Contains(private.Explanation, want) {
			t.Fatalf("PRIVATE explanation %q lacks %q", private.Explanation, want)
		}
	}
	if !strings.Contains(academia.Explanation, "1 ACADEMIA organisation interested") {
		t.Fatalf("ACADEMIA explanation %q", academia.Explanation)
	}

	// first caps both lists per step.
	one := a.anonymous().nextSteps(w, 1)
	if got := one[0].candidateIDs(); !slices.Equal(got, []string{w.privBoth}) {
		t.Fatalf("first:1 PRIVATE candidates = %v, want [%s]", got, w.privBoth)
	}
}

func TestNextStepsPrivacy(t *testing.T) {
	a := newAPI(t)
	w := buildSteps(t, a)
	for _, tc := range []struct {
		name   string
		caller *api
		want   []string
	}{
		{"anonymous", a.anonymous(), []string{"PUBLIC:" + w.pubPriv}},
		{"member", a.as(professional(storetest.ID("member"))), []string{"PUBLIC:" + w.pubPriv}},
		{"the private person themselves", a.as(professional(w.hidden)), []string{"PUBLIC:" + w.hidden, "PUBLIC:" + w.pubPriv}},
		{"administrator", a, []string{"PUBLIC:" + w.hidden, "PUBLIC:" + w.pubPriv}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			steps := tc.caller.with(t).nextSteps(w, 3)
			got := steps[0].translatorIDs()
			// hidden and pubPriv may tie or differ in score; compare as sets.
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("PRIVATE translators = %v, want %v", got, want)
			}
			if slices.Contains(got, "PUBLIC:"+w.closed) {
				t.Fatalf("a person not open to bridging appeared")
			}
		})
	}
}

func TestNextStepsEdges(t *testing.T) {
	a := newAPI(t)
	w := buildSteps(t, a)
	move := func(id, phase string) {
		a.ok(`mutation($id:ID!,$p:CollaborationPhase!){ moveCollaborationPhase(id:$id, phase:$p){ id } }`,
			map[string]any{"id": id, "p": phase}, nil)
	}

	t.Run("late phases have no steps", func(t *testing.T) {
		a := a.with(t)
		move(w.collab, "LAUNCHED")
		if steps := a.nextSteps(w, 3); len(steps) != 0 {
			t.Fatalf("LAUNCHED: %d steps, want none", len(steps))
		}
		a.ok(`mutation($id:ID!){ recordEvaluation(id:$id, input:{rating:3}){ id } }`, map[string]any{"id": w.collab}, nil)
		if steps := a.nextSteps(w, 3); len(steps) != 0 {
			t.Fatalf("EVALUATED: %d steps, want none", len(steps))
		}
		move(w.collab, "GOALS_AGREED") // back in an early phase: suggestions again
		if steps := a.nextSteps(w, 3); len(steps) != 2 {
			t.Fatalf("GOALS_AGREED again: %d steps, want 2", len(steps))
		}
	})

	t.Run("all sectors present", func(t *testing.T) {
		a := a.with(t)
		id := a.newCollab(map[string]any{"topicIds": []string{w.t1}, "partners": []any{
			map[string]any{"organisationId": w.publicLead, "role": "LEAD"},
			map[string]any{"organisationId": w.thirdPartner, "role": "PARTNER"},
			map[string]any{"organisationId": w.privOther, "role": "PARTNER"},
			map[string]any{"organisationId": w.acaNone, "role": "PARTNER"},
		}})
		if steps := a.stepsOf(id, nil); len(steps) != 0 {
			t.Fatalf("steps = %+v, want none", steps)
		}
	})

	t.Run("a partner is never a candidate", func(t *testing.T) {
		a := a.with(t)
		id := a.newCollab(map[string]any{"topicIds": []string{w.t1, w.t2}, "partners": []any{
			map[string]any{"organisationId": w.publicLead, "role": "LEAD"},
			map[string]any{"organisationId": w.privOne, "role": "PARTNER"},
		}})
		steps := a.stepsOf(id, map[string]any{"f": map[string]any{"region": w.region}})
		var sectors []string
		for _, s := range steps {
			sectors = append(sectors, s.Sector)
			if slices.Contains(s.candidateIDs(), w.privOne) || slices.Contains(s.candidateIDs(), w.publicLead) {
				t.Fatalf("%s step lists a partner: %v", s.Sector, s.candidateIDs())
			}
		}
		if !slices.Equal(sectors, []string{"THIRD", "ACADEMIA"}) {
			t.Fatalf("missing sectors = %v, want THIRD, ACADEMIA", sectors)
		}
		// THIRD candidates: both THIRD organisations share a topic; the one
		// sharing two comes first.
		if got, want := steps[0].candidateIDs(), []string{w.thirdPartner, w.thirdOther}; !slices.Equal(got, want) {
			t.Fatalf("THIRD candidates = %v, want %v", got, want)
		}
	})

	t.Run("no topics", func(t *testing.T) {
		a := a.with(t)
		id := a.newCollab(map[string]any{"partners": lead(w.publicLead)})
		steps := a.stepsOf(id, map[string]any{"f": map[string]any{"region": w.region}})
		if len(steps) != 3 {
			t.Fatalf("steps = %d, want 3 (PRIVATE, THIRD, ACADEMIA)", len(steps))
		}
		for _, s := range steps {
			if len(s.Candidates) != 0 || !strings.Contains(s.Explanation, "no topics") {
				t.Fatalf("%s: candidates %v, explanation %q", s.Sector, s.candidateIDs(), s.Explanation)
			}
		}
		// Nobody in the region knows both PUBLIC and THIRD.
		if third := steps[1]; third.Sector != "THIRD" || len(third.Translators) != 0 ||
			!strings.Contains(third.Explanation, "No translator found") {
			t.Fatalf("THIRD step: %+v", third)
		}
	})

	t.Run("a translator of several present sectors counts once, with the bridge score", func(t *testing.T) {
		a := a.with(t)
		region := storetest.ID("steps-region-3")
		p := a.newPerson(map[string]any{"region": region, "openToBridging": true, "visibility": "PUBLIC"})
		a.newExperience(p, w.publicLead, "2005-01-01", "2015-01-01")
		a.newExperience(p, w.thirdOther, "2015-01-01", "2018-01-01")
		a.newExperience(p, w.privOther, "2018-01-01", "")
		steps := a.stepsOf(w.collab, map[string]any{"f": map[string]any{"region": region}})
		private := steps[0]
		if len(private.Translators) != 1 || private.Translators[0].Match.Person.ID != p {
			t.Fatalf("PRIVATE translators = %v, want %s once", private.translatorIDs(), p)
		}
		// The score is translatorsBetweenSectors' for the better pair.
		best, from := 0.0, ""
		for _, sector := range []string{"PUBLIC", "THIRD"} {
			var out struct{ TranslatorsBetweenSectors []struct{ Score float64 } }
			a.ok(`query($s:[Sector!]!,$f:TranslatorFilter){ translatorsBetweenSectors(sectors:$s, filter:$f){ score } }`,
				map[string]any{"s": []string{sector, "PRIVATE"}, "f": map[string]any{"region": region}}, &out)
			if got := out.TranslatorsBetweenSectors; len(got) == 1 && got[0].Score > best {
				best, from = got[0].Score, sector
			}
		}
		if got := private.Translators[0]; got.FromSector != from || got.Match.Score != best {
			t.Fatalf("translator from %s scoring %v, want from %s scoring %v", got.FromSector, got.Match.Score, from, best)
		}
	})

	t.Run("first out of range", func(t *testing.T) {
		a := a.with(t)
		for _, n := range []int{0, 11} {
			a.failsField(nextStepsQuery, map[string]any{"id": w.collab, "n": n}, "BAD_USER_INPUT", "first")
		}
	})
}

func TestNextStepsComplexity(t *testing.T) {
	a := newAPI(t)
	org := a.newOrg(nil)
	id := a.newCollab(map[string]any{"partners": lead(org)})
	// One collaboration may ask.
	a.ok(`query($id:ID!){ collaboration(id:$id){ nextSteps { sector } } }`, map[string]any{"id": id}, nil)
	// A page of them may not: the flat cost times the page size is over the
	// default limit.
	e := a.fails(`{ collaborations(first:20){ nodes { nextSteps { sector } } } }`, nil, "COMPLEXITY_LIMIT_EXCEEDED")
	if !strings.Contains(e.Message, "complexity") {
		t.Fatalf("message %q", e.Message)
	}
	if graph.NextStepsCost*20 <= 10000 {
		t.Fatalf("NextStepsCost %d does not stop a page of 20", graph.NextStepsCost)
	}
}
