package graph_test

import (
	"context"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/config"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/storetest"
)

// personEverywhere makes a person who is in every kind of record Tulkki
// keeps about people: a profile with expertise, a stint, a contribution, a
// phase change they made, a workshop they created, a seat at it, and a
// workshop that must include and one that excludes them; an invitation to
// contribute they sent and one they received; and an idempotency key that
// created them. It returns the person's id and the
// caller acting as them.
func personEverywhere(t *testing.T, a *api) (string, *api) {
	t.Helper()
	ctx := context.Background()
	topic, _ := a.newTopic("Poistettava aihe")
	org := a.newOrg(map[string]any{"name": storetest.ID("Poiston Org"), "sector": "PUBLIC", "kind": "MUNICIPALITY", "topicIds": []string{topic}})
	id := storetest.ID("person-poistettava")
	self := a.as(auth.Principal{Subject: id, Roles: []auth.Role{auth.RoleProfessional, auth.RoleOrgEditor, auth.RoleFacilitator}, Orgs: []string{org}})
	if _, r := self.withKey(storetest.ID("key"), `mutation($t: ID!) { createPerson(input: {name: "Poistettava Pirkko", visibility: PUBLIC, expertiseTopicIds: [$t]}) { id } }`,
		map[string]any{"t": topic}); len(r.Errors) > 0 {
		t.Fatalf("create: %+v", r.Errors)
	}
	a.newExperience(id, org, "2020-01-01", "")
	collab := a.newCollab(map[string]any{"partners": lead(org), "contributors": []any{map[string]any{"personId": id, "role": "LEAD"}}})
	self.ok(`mutation($c: ID!) { moveCollaborationPhase(id: $c, phase: PARTNERS_MAPPED, note: "mapped") { id } }`, map[string]any{"c": collab}, nil)
	// An invitation the person sent (as the partner's editor) and one they
	// have not answered.
	self.ok(`mutation($c: ID!, $p: ID!) { addContributor(collaborationId: $c, personId: $p, role: EXPERT) { id } }`,
		map[string]any{"c": collab, "p": a.newPerson(nil)}, nil)
	otherOrg := a.newOrg(nil)
	a.as(auth.Principal{Subject: storetest.ID("inviter"), Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{otherOrg}}).
		ok(`mutation($c: ID!, $p: ID!) { addContributor(collaborationId: $c, personId: $p, role: MEMBER) { id } }`,
			map[string]any{"c": a.newCollab(map[string]any{"partners": lead(otherOrg)}), "p": id}, nil)

	w := model.Workshop{Title: storetest.ID("Poistopaja"), Date: model.Date{Year: 2026, Month: 5, Day: 1}, CreatedBy: id,
		Plan: model.WorkshopPlan{Params: model.WorkshopParams{TopicID: topic, Size: 2, Tables: 1, MustInclude: []string{id}, Exclude: []string{"someone-else"}, Seed: 1},
			Participants: []*model.WorkshopParticipant{{PersonID: id, OrganisationID: org, Table: 1, Role: model.WorkshopRole("ORGANISATION_REP")}},
			Unmet:        []*model.UnmetConstraint{{Code: model.UnmetMustIncludeNotPlaced, Subject: id, Message: "person " + id + " must be included"}}}}
	if _, err := a.st.CreateWorkshop(ctx, w); err != nil {
		t.Fatalf("workshop: %v", err)
	}
	w.Title, w.CreatedBy, w.Plan.Params.MustInclude, w.Plan.Params.Exclude, w.Plan.Participants, w.Plan.Unmet =
		storetest.ID("Toinen paja"), "someone-else", nil, []string{id}, nil, nil
	if _, err := a.st.CreateWorkshop(ctx, w); err != nil {
		t.Fatalf("workshop: %v", err)
	}
	return id, self
}

// traces lists every node and relationship property, anywhere in the
// database, whose value holds id: what erasure must leave none of.
func traces(t *testing.T, id string) []string {
	t.Helper()
	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d, err := neo4j.NewDriverWithContext(cfg.Neo4j.URI, neo4j.BasicAuth(cfg.Neo4j.Username, cfg.Neo4j.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	const hits = `
WITH k, kind, x[k] AS v
WITH k, kind, CASE WHEN valueType(v) STARTS WITH 'LIST' THEN [e IN v | toString(e)] ELSE [toString(v)] END AS texts
WHERE any(s IN texts WHERE s CONTAINS $id)
RETURN kind + ' ' + k AS hit`
	var out []string
	for _, q := range []string{
		"MATCH (x) UNWIND keys(x) AS k WITH x, k, 'node ' + reduce(l = '', s IN labels(x) | l + ':' + s) AS kind" + hits,
		"MATCH ()-[x]->() UNWIND keys(x) AS k WITH x, k, 'relationship :' + type(x) AS kind" + hits,
	} {
		res, err := neo4j.ExecuteQuery(ctx, d, q, map[string]any{"id": id}, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatalf("walk: %v", err)
		}
		for _, r := range res.Records {
			h, _ := r.Get("hit")
			out = append(out, h.(string))
		}
	}
	return out
}

// TestErasureLeavesNoTrace: after deleteMyData, and after an
// administrator's erasePerson, no property of any node or relationship
// holds the person's id; the audit record names the administrator, not
// the person (issue 17, point 6).
func TestErasureLeavesNoTrace(t *testing.T) {
	a := newAPI(t)
	t.Run("the person themselves", func(t *testing.T) {
		id, self := personEverywhere(t, a)
		if before := traces(t, id); len(before) < 5 {
			t.Fatalf("the fixture holds the id in only %v", before)
		}
		self.ok(`mutation { deleteMyData(confirm: true) { erasedAt } }`, nil, nil)
		if left := traces(t, id); len(left) > 0 {
			t.Fatalf("after deleteMyData the id is still in %v", left)
		}
	})
	t.Run("an administrator on request", func(t *testing.T) {
		id, _ := personEverywhere(t, a)
		admin := auth.Principal{Subject: storetest.ID("admin-erasing"), Roles: []auth.Role{auth.RoleAdmin}}
		for _, c := range []struct {
			name   string
			caller *api
		}{
			{"anonymous", a.anonymous()},
			{"professional", a.as(professional(storetest.ID("someone")))},
			{"facilitator", a.as(facilitator)},
		} {
			if e := c.caller.with(t).fails(`mutation($id: ID!) { erasePerson(id: $id, confirm: true) { erasedAt } }`, map[string]any{"id": id}, "FORBIDDEN"); e.Message == "" {
				t.Errorf("%s: refusal without a message", c.name)
			}
		}
		a.as(admin).fails(`mutation($id: ID!) { erasePerson(id: $id, confirm: false) { erasedAt } }`, map[string]any{"id": id}, "BAD_USER_INPUT")
		if left := traces(t, id); len(left) < 5 {
			t.Fatalf("a refused erasure changed the data: %v", left)
		}
		a.as(admin).ok(`mutation($id: ID!) { erasePerson(id: $id, confirm: true) { erasedAt } }`, map[string]any{"id": id}, nil)
		if left := traces(t, id); len(left) > 0 {
			t.Fatalf("after erasePerson the id is still in %v", left)
		}
		if audited := traces(t, admin.Subject); !slices.Contains(audited, "node :AuditEvent actorSubject") {
			t.Errorf("the audit record does not name the administrator: %v", audited)
		}
		a.as(admin).fails(`mutation($id: ID!) { erasePerson(id: $id, confirm: true) { erasedAt } }`, map[string]any{"id": id}, "NOT_FOUND")
	})
}

// TestExportIsComplete: exportMyData holds the workshops that seat or
// name the person, the phase changes they made and every value stored on
// them (issue 17, point 6).
func TestExportIsComplete(t *testing.T) {
	a := newAPI(t)
	id, self := personEverywhere(t, a)
	var out struct{ ExportMyData map[string]any }
	self.ok(`{ exportMyData }`, nil, &out)
	doc := out.ExportMyData
	if got := dig(doc, "workshops.seats.0.table"); got != float64(1) {
		t.Errorf("seat: %v", doc["workshops"])
	}
	named, _ := dig(doc, "workshops.named").([]any)
	var created, must, excluded bool
	for _, n := range named {
		created = created || dig(n, "createdByYou") == true
		must = must || dig(n, "mustInclude") == true
		excluded = excluded || dig(n, "excluded") == true
	}
	if !created || !must || !excluded {
		t.Errorf("named workshops: %v", named)
	}
	if got := dig(doc, "partnerships.invitations.0.role"); got != "MEMBER" {
		t.Errorf("invitations: %v", dig(doc, "partnerships.invitations"))
	}
	if got := dig(doc, "partnerships.invitationsSent.0.role"); got != "EXPERT" {
		t.Errorf("invitations sent: %v", dig(doc, "partnerships.invitationsSent"))
	}
	if got := dig(doc, "phaseChanges.0.phase"); got != "PARTNERS_MAPPED" {
		t.Errorf("phase changes: %v", doc["phaseChanges"])
	}
	stored, _ := doc["storedValues"].(map[string]any)
	if stored["id"] != id || stored["name"] != "Poistettava Pirkko" || len(stored) < 8 {
		t.Errorf("stored values: %v", stored)
	}
}
