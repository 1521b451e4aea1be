package graph_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/introduction"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
)

// The inbox row of the authorisation matrix (api_auth_test.go): the world's
// introduction request is in the translator's ("other") inbox; everyone
// signed in may mark items read, and only their own change.
const inboxAuthMatrixRows = `
markRead | no | own only | yes | own only | own only | own only | own only | own only
`

func init() {
	authOps["markRead"] = authOp{world: worldOpts{intro: introOpts{wanted: true, request: true}},
		query: `mutation($ids:[ID!]!){ markRead(ids:$ids) }`,
		vars: func(w *authWorld) map[string]any {
			return map[string]any{"ids": []string{w.translatorInboxItem}}
		}}
}

// unreadOf counts the unread items of subject's inbox, read from the store
// (nobody but its owner reads an inbox through the API).
func unreadOf(a *api, subject string) int {
	a.t.Helper()
	n, err := a.st.UnreadCount(context.Background(), model.Reader{Subject: subject})
	if err != nil {
		a.t.Fatal(err)
	}
	return n
}

const inboxQuery = `query($u:Boolean){ me { unreadCount inbox(first:10, unreadOnly:$u){ totalCount
	nodes { id kind read organisation { id } introduction { id status } call { id } response { id } collaboration { id } } } } }`

func inboxKinds(c *api, unreadOnly bool) []string {
	c.t.Helper()
	var kinds []string
	for _, n := range asList(dig(c.data(inboxQuery, map[string]any{"u": unreadOnly}), "me.inbox.nodes")) {
		kinds = append(kinds, dig(n, "kind").(string))
	}
	return kinds
}

func TestInbox(t *testing.T) {
	a := newAPI(t)
	w := newIntroWorld(a)
	id := w.request(a)
	d := w.translatorAPI.data(inboxQuery, nil)
	if dig(d, "me.unreadCount") != 1.0 || dig(d, "me.inbox.nodes.0.kind") != "INTRODUCTION_REQUESTED" ||
		dig(d, "me.inbox.nodes.0.introduction.id") != id || dig(d, "me.inbox.nodes.0.read") != false {
		t.Fatalf("the translator's inbox %v", d)
	}
	item := dig(d, "me.inbox.nodes.0.id").(string)
	// Nobody else reads it, or marks it read.
	if got := dig(w.editorB.data(`query($id:ID!){ person(id:$id){ inbox { totalCount } unreadCount } }`,
		map[string]any{"id": w.translator}), "person"); dig(got, "inbox") != nil || dig(got, "unreadCount") != nil {
		t.Errorf("someone else's inbox: %v", got)
	}
	w.editorB.ok(`mutation($ids:[ID!]!){ markRead(ids:$ids) }`, map[string]any{"ids": []string{item}}, nil)
	if unreadOf(a, w.translator) != 1 {
		t.Fatal("someone else marked the translator's item read")
	}
	a.anonymous().fails(`mutation($ids:[ID!]!){ markRead(ids:$ids) }`, map[string]any{"ids": []string{item}}, "FORBIDDEN")

	w.translatorAPI.ok(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
	if got := inboxKinds(w.editorB, false); !jsonEqual(got, []string{"INTRODUCTION_TO_ANSWER"}) {
		t.Errorf("the other organisation's editor sees %v", got)
	}
	if got := inboxKinds(w.editorA, false); !jsonEqual(got, []string{"INTRODUCTION_ACCEPTED_BY_TRANSLATOR"}) {
		t.Errorf("the requester sees %v", got)
	}
	// Read state is per reader: another editor of orgB still has it unread.
	var marked struct{ MarkRead int }
	w.editorB.ok(`mutation($ids:[ID!]!){ markRead(ids:$ids) }`,
		map[string]any{"ids": []string{dig(w.editorB.data(inboxQuery, nil), "me.inbox.nodes.0.id").(string)}}, &marked)
	if marked.MarkRead != 0 || len(inboxKinds(w.editorB, true)) != 0 || len(inboxKinds(w.editorB, false)) != 1 {
		t.Errorf("after markRead: %d unread, unread only %v", marked.MarkRead, inboxKinds(w.editorB, true))
	}
	otherB := a.newPerson(nil)
	colleague := a.as(auth.Principal{Subject: otherB, Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{w.orgB}})
	if got := inboxKinds(colleague, true); len(got) != 1 {
		t.Errorf("another editor of orgB: %v", got)
	}
	w.editorB.ok(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
	if got := inboxKinds(w.translatorAPI, false); !jsonEqual(got, []string{"INTRODUCTION_CONNECTED", "INTRODUCTION_REQUESTED"}) {
		t.Errorf("the translator sees %v, newest first", got)
	}
	// Paging, newest first.
	p1 := w.translatorAPI.data(`{ me { inbox(first:1){ pageInfo { hasNextPage endCursor } nodes { kind } } } }`, nil)
	p2 := w.translatorAPI.data(`query($a:String){ me { inbox(first:1, after:$a){ pageInfo { hasNextPage } nodes { kind } } } }`,
		map[string]any{"a": dig(p1, "me.inbox.pageInfo.endCursor")})
	if dig(p1, "me.inbox.nodes.0.kind") != "INTRODUCTION_CONNECTED" || dig(p1, "me.inbox.pageInfo.hasNextPage") != true ||
		dig(p2, "me.inbox.nodes.0.kind") != "INTRODUCTION_REQUESTED" || dig(p2, "me.inbox.pageInfo.hasNextPage") != false {
		t.Errorf("pages %v / %v", p1, p2)
	}

	// Calls and evaluations.
	topic, _ := a.newTopic("haku")
	call := dig(w.editorA.data(createCall, map[string]any{"in": callInput(w.orgA, topic)}), "createPartnershipCall.id").(string)
	w.editorA.ok(`mutation($id:ID!){ publishPartnershipCall(id:$id){ id } }`, map[string]any{"id": call}, nil)
	resp := dig(w.editorB.data(`mutation($c:ID!,$o:ID!){ respondToCall(callId:$c, organisationId:$o){ id } }`,
		map[string]any{"c": call, "o": w.orgB}), "respondToCall.id").(string)
	d = w.editorA.data(inboxQuery, map[string]any{"u": true})
	if dig(d, "me.inbox.nodes.0.kind") != "CALL_RESPONSE" || dig(d, "me.inbox.nodes.0.response.id") != resp ||
		dig(d, "me.inbox.nodes.0.call.id") != call || dig(d, "me.inbox.nodes.0.organisation.id") != w.orgA {
		t.Errorf("the publisher's inbox %v", d)
	}
	w.editorA.ok(`mutation($id:ID!){ declineCallResponse(id:$id){ id } }`, map[string]any{"id": resp}, nil)
	if got := inboxKinds(w.editorB, true); len(got) == 0 || got[0] != "CALL_RESPONSE_DECLINED" {
		t.Errorf("the responder sees %v", got)
	}
	collab := a.newCollab(map[string]any{"phase": "LAUNCHED", "partners": []any{
		map[string]any{"organisationId": w.orgA, "role": "LEAD"}, map[string]any{"organisationId": w.orgB, "role": "PARTNER"}}})
	w.editorA.ok(recordPartnerEvaluation, map[string]any{"c": collab, "o": w.orgA, "g": 4, "k": 4, "w": true}, nil)
	d = w.editorB.data(inboxQuery, map[string]any{"u": true})
	if dig(d, "me.inbox.nodes.0.kind") != "EVALUATION_REQUESTED" || dig(d, "me.inbox.nodes.0.collaboration.id") != collab {
		t.Errorf("the other partner's inbox %v", d)
	}
}

// An introduction nobody answered in time expires; the first read of an
// inbox involved records it, and everyone who was waiting gets one
// INTRODUCTION_EXPIRED item, however many read their inboxes at once.
func TestInboxExpiredIntroduction(t *testing.T) {
	const ttl = 3 * time.Second
	a := newAPIWithResolver(t, func(r *graph.Resolver, st *store.Store) {
		r.Intros = introduction.New(st, introduction.Options{TTL: ttl})
	})
	for _, tc := range []struct {
		name string
		// acceptedByTranslator: the translator said yes; the other organisation did not answer.
		acceptedByTranslator bool
		// Each side's inbox, newest first, after the expiry.
		translator, from, to []string
	}{
		{name: "the translator did not answer",
			translator: []string{"INTRODUCTION_EXPIRED", "INTRODUCTION_REQUESTED"},
			from:       []string{"INTRODUCTION_EXPIRED"},
			to:         nil},
		{name: "the other organisation did not answer", acceptedByTranslator: true,
			translator: []string{"INTRODUCTION_EXPIRED", "INTRODUCTION_REQUESTED"},
			from:       []string{"INTRODUCTION_EXPIRED", "INTRODUCTION_ACCEPTED_BY_TRANSLATOR"},
			to:         []string{"INTRODUCTION_EXPIRED", "INTRODUCTION_TO_ANSWER"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := a.with(t)
			w := newIntroWorld(a)
			requested := time.Now()
			id := w.request(a)
			if tc.acceptedByTranslator {
				w.translatorAPI.ok(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
			}
			sides := map[string]*api{"translator": w.translatorAPI, "from": w.editorA, "to": w.editorB}
			for side, c := range sides {
				if kinds := inboxKinds(c, false); slices.Contains(kinds, "INTRODUCTION_EXPIRED") {
					t.Fatalf("%s's inbox before the expiry: %v", side, kinds)
				}
			}
			time.Sleep(time.Until(requested.Add(ttl + 100*time.Millisecond)))

			// Everyone reads at once; the expiry is recorded once.
			var wg sync.WaitGroup
			errs := make(chan string, 2*len(sides))
			for side, c := range sides {
				for range 2 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if resp, err := c.try(`{ me { unreadCount } }`, nil); err != nil || len(resp.Errors) > 0 {
							errs <- fmt.Sprintf("%s: %v %v", side, err, resp.Errors)
						}
					}()
				}
			}
			wg.Wait()
			close(errs)
			for e := range errs {
				t.Error(e)
			}
			for side, want := range map[string][]string{"translator": tc.translator, "from": tc.from, "to": tc.to} {
				if got := inboxKinds(sides[side], false); !slices.Equal(got, want) {
					t.Errorf("%s's inbox %v, want %v", side, got, want)
				}
			}
			// The introduction is EXPIRED with the expiry last in its
			// dated history (by nobody), and cannot be answered any more.
			i := readIntro(w.editorA, id)
			history := asList(i["history"])
			last := history[len(history)-1]
			if i["status"] != "EXPIRED" || dig(last, "status") != "EXPIRED" || dig(last, "by") != nil || dig(last, "at") != i["expiresAt"] {
				t.Errorf("after the expiry: %v", i)
			}
			w.editorB.fails(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, "CONFLICT")
			if got := inboxKinds(w.editorB, false); !slices.Equal(got, tc.to) {
				t.Errorf("a refused answer changed the inbox: %v", got)
			}
		})
	}
}

// TestInboxOfTheRequester: a facilitator who asks for an introduction
// between organisations they do not edit hears of its changes as the from
// organisation's editors do, and those editors still see each notice once.
func TestInboxOfTheRequester(t *testing.T) {
	a := newAPI(t)
	w := newIntroWorld(a)
	asker := a.newPerson(nil)
	facilitator := a.as(auth.Principal{Subject: asker, Roles: []auth.Role{auth.RoleFacilitator}})
	id := dig(facilitator.data(requestIntro, w.input(w.translator)), "requestIntroduction.id").(string)
	w.translatorAPI.ok(`mutation($id:ID!){ acceptIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
	w.editorB.ok(`mutation($id:ID!){ declineIntroduction(id:$id){ status } }`, map[string]any{"id": id}, nil)
	want := []string{"INTRODUCTION_DECLINED", "INTRODUCTION_ACCEPTED_BY_TRANSLATOR"}
	for name, reader := range map[string]*api{"the facilitator who asked": facilitator, "the from organisation's editor": w.editorA} {
		if got := inboxKinds(reader, false); !jsonEqual(got, want) {
			t.Errorf("%s sees %v, want %v", name, got, want)
		}
	}
	if got := inboxKinds(a.as(auth.Principal{Subject: a.newPerson(nil), Roles: []auth.Role{auth.RoleFacilitator}}), false); len(got) != 0 {
		t.Errorf("another facilitator sees %v", got)
	}
	// Erasure takes the asker off the notices; the editors keep theirs.
	facilitator.ok(`mutation { deleteMyData(confirm: true) { erasedAt } }`, nil, nil)
	if left := traces(t, asker); len(left) > 0 {
		t.Fatalf("after deleteMyData the asker's id is still in %v", left)
	}
	if got := inboxKinds(w.editorA, false); !jsonEqual(got, want) {
		t.Errorf("after the erasure the from organisation's editor sees %v", got)
	}
}
