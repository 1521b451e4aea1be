package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// The in-app inbox:
//
//	(:InboxItem {id, kind, recipientPerson, recipientOrg, introductionId, callId, responseId,
//	    collaborationId, by, createdAt, readBy})
//
// An item is addressed to a person (by id: their token subject) or to an
// organisation (read by its editors); readBy lists the subjects who have
// read it. Items are written by the transaction that makes the change they
// tell of (notify), so a change and its notices commit together. The
// rules of who hears of what are here, in one place:
//
//	requestIntroduction                 → the translator
//	translator accepts                  → the to organisation (its turn) and the from organisation
//	to organisation accepts (CONNECTED) → the from organisation and the translator
//	declined                            → the from organisation (and the translator, if the to side declined)
//	withdrawn                           → the translator (and the to organisation, if it was its turn)
//	expired (nobody answered in time)   → the from organisation and the translator (and the to organisation, if it was its turn)
//	respondToCall                       → the publishing organisation
//	response accepted / declined        → the responding organisation
//	a partner's first evaluation        → every partner that has not evaluated yet
//	an editor invites a contributor     → the invited person (invitations.go)

// notify writes items in tx, all at createdAt now.
func (s *Store) notify(ctx context.Context, tx neo4j.ManagedTransaction, now time.Time, items ...model.InboxItem) error {
	if len(items) == 0 {
		return nil
	}
	rows := make([]map[string]any, len(items))
	for i, it := range items {
		rows[i] = map[string]any{"id": uuid.NewString(), "kind": string(it.Kind), "person": nullable(it.RecipientPersonID),
			"org": nullable(it.RecipientOrganisationID), "introduction": nullable(it.IntroductionID), "call": nullable(it.CallID),
			"response": nullable(it.ResponseID), "collaboration": nullable(it.CollaborationID), "by": nullable(it.By),
			"requester": nullable(it.Requester)}
	}
	_, err := s.collect(ctx, tx, `
UNWIND $rows AS row
CREATE (:InboxItem {id: row.id, kind: row.kind, recipientPerson: row.person, recipientOrg: row.org,
  introductionId: row.introduction, callId: row.call, responseId: row.response, collaborationId: row.collaboration,
  by: row.by, requester: row.requester, createdAt: $now, readBy: []})`, map[string]any{"rows": rows, "now": now})
	return err
}

// introductionNotices are the items a transition of introduction i (after
// it) makes; from is the status it left.
func introductionNotices(i *model.Introduction, from model.IntroductionStatus, by string) []model.InboxItem {
	n := func(kind model.InboxItemKind, person, org string) model.InboxItem {
		it := model.InboxItem{Kind: kind, RecipientPersonID: person, RecipientOrganisationID: org, IntroductionID: i.ID,
			CallID: i.CallID, By: by}
		if org != "" && org == i.FromOrganisationID {
			it.Requester = i.RequestedBy
		}
		return it
	}
	switch i.Status {
	case model.IntroRequested:
		return []model.InboxItem{n(model.InboxIntroductionRequested, i.TranslatorID, "")}
	case model.IntroAcceptedByTranslator:
		return []model.InboxItem{n(model.InboxIntroductionToAnswer, "", i.ToOrganisationID),
			n(model.InboxIntroductionAccepted, "", i.FromOrganisationID)}
	case model.IntroConnected:
		return []model.InboxItem{n(model.InboxIntroductionConnected, "", i.FromOrganisationID),
			n(model.InboxIntroductionConnected, i.TranslatorID, "")}
	case model.IntroDeclined:
		out := []model.InboxItem{n(model.InboxIntroductionDeclined, "", i.FromOrganisationID)}
		if from == model.IntroAcceptedByTranslator {
			out = append(out, n(model.InboxIntroductionDeclined, i.TranslatorID, ""))
		}
		return out
	case model.IntroWithdrawn:
		out := []model.InboxItem{n(model.InboxIntroductionWithdrawn, i.TranslatorID, "")}
		if from == model.IntroAcceptedByTranslator {
			out = append(out, n(model.InboxIntroductionWithdrawn, "", i.ToOrganisationID))
		}
		return out
	case model.IntroExpired:
		out := []model.InboxItem{n(model.InboxIntroductionExpired, "", i.FromOrganisationID), n(model.InboxIntroductionExpired, i.TranslatorID, "")}
		if from == model.IntroAcceptedByTranslator {
			out = append(out, n(model.InboxIntroductionExpired, "", i.ToOrganisationID))
		}
		return out
	}
	return nil
}

// inboxWhere is the condition that item i is $subject's or one of $orgs',
// or about an introduction $subject asked for (one item, however many of
// these hold).
const inboxWhere = `(i.recipientPerson = $subject OR i.recipientOrg IN $orgs OR i.requester = $subject)`

func decodeInboxItem(p props, subject string) *model.InboxItem {
	it := &model.InboxItem{ID: p.str("id"), Kind: model.InboxItemKind(p.str("kind")), RecipientPersonID: p.str("recipientPerson"),
		RecipientOrganisationID: p.str("recipientOrg"), IntroductionID: p.str("introductionId"), CallID: p.str("callId"),
		ResponseID: p.str("responseId"), CollaborationID: p.str("collaborationId"), By: p.str("by"), CreatedAt: p.time("createdAt")}
	for _, s := range p.strings("readBy") {
		if s == subject {
			it.Read = true
		}
	}
	return it
}

func inboxParams(r model.Reader) map[string]any {
	return map[string]any{"subject": r.Subject, "orgs": nonNil(r.OrgIDs)}
}

// Inbox reads one page of r's inbox, newest first, with the total (of
// the unread items only, when unreadOnly) and the unread count.
func (s *Store) Inbox(ctx context.Context, r model.Reader, unreadOnly bool, first int, after *string) (*model.Page[*model.InboxItem], int, error) {
	c, err := decodeCursor(after)
	if err != nil {
		return nil, 0, err
	}
	params := inboxParams(r)
	params["unreadOnly"], params["limit"] = unreadOnly, first+1
	page := `MATCH (i:InboxItem) WHERE ` + inboxWhere + ` AND (NOT $unreadOnly OR NOT $subject IN i.readBy)`
	if c != nil {
		at, err := time.Parse(time.RFC3339Nano, c.Key)
		if err != nil {
			return nil, 0, errs.Invalid("after", "the cursor %q is malformed", *after)
		}
		params["afterAt"], params["afterId"] = at, c.ID
		page += ` AND (i.createdAt < $afterAt OR (i.createdAt = $afterAt AND i.id < $afterId))`
	}
	type result struct {
		page   *model.Page[*model.InboxItem]
		unread int
	}
	res, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (result, error) {
		rec, err := s.single(ctx, tx, `
CALL () {
  MATCH (i:InboxItem) WHERE `+inboxWhere+`
  RETURN count(i) AS total, count(CASE WHEN NOT $subject IN i.readBy THEN 1 END) AS unread
}
CALL () {
  `+page+`
  WITH i ORDER BY i.createdAt DESC, i.id DESC LIMIT $limit
  RETURN collect(i {.*}) AS items
}
RETURN total, unread, items`, params)
		if err != nil {
			return result{}, err
		}
		out := result{page: &model.Page[*model.InboxItem]{HasPrev: c != nil}}
		total, _ := recordValue(rec, "total").(int64)
		unread, _ := recordValue(rec, "unread").(int64)
		out.unread = int(unread)
		out.page.TotalCount = int(total)
		if unreadOnly {
			out.page.TotalCount = out.unread
		}
		rows := recordList(rec, "items")
		if len(rows) > first {
			out.page.HasNext, rows = true, rows[:first]
		}
		for _, raw := range rows {
			it := decodeInboxItem(asProps(raw), r.Subject)
			out.page.Items = append(out.page.Items, it)
			out.page.Cursors = append(out.page.Cursors, encodeCursor(it.CreatedAt.Format(time.RFC3339Nano), it.ID))
		}
		return out, nil
	})
	return res.page, res.unread, err
}

// UnreadCount counts the items of r's inbox r has not read.
func (s *Store) UnreadCount(ctx context.Context, r model.Reader) (int, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (int, error) {
		rec, err := s.single(ctx, tx, `MATCH (i:InboxItem) WHERE `+inboxWhere+` AND NOT $subject IN i.readBy RETURN count(i) AS n`,
			inboxParams(r))
		if err != nil {
			return 0, err
		}
		n, _ := recordValue(rec, "n").(int64)
		return int(n), nil
	})
}

// MarkRead marks the items with these ids in r's inbox read by r (others'
// items and unknown ids are ignored) and returns r's unread count after.
func (s *Store) MarkRead(ctx context.Context, r model.Reader, ids []string) (int, error) {
	params := inboxParams(r)
	params["ids"] = nonNil(ids)
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (int, error) {
		if _, err := s.collect(ctx, tx, `
MATCH (i:InboxItem) WHERE i.id IN $ids AND `+inboxWhere+` AND NOT $subject IN i.readBy
SET i.readBy = i.readBy + $subject`, params); err != nil {
			return 0, err
		}
		rec, err := s.single(ctx, tx, `MATCH (i:InboxItem) WHERE `+inboxWhere+` AND NOT $subject IN i.readBy RETURN count(i) AS n`, params)
		if err != nil {
			return 0, err
		}
		n, _ := recordValue(rec, "n").(int64)
		return int(n), nil
	})
}

// ExpireIntroductions makes the expiry of r's introductions a recorded
// transition: every open introduction r is involved in (as its translator,
// or an editor of either organisation) whose expiresAt has passed by now
// is stored as EXPIRED, with a dated entry (by nobody) in its history, and
// everyone who was waiting for an answer gets an item (introductionNotices).
// Expiry itself needs no write (an open introduction past expiresAt reads
// as EXPIRED everywhere); this only tells the people involved, once: the
// introductions are locked and checked again, so two readers at the same
// time write one set of items. It returns how many it expired; when there
// are none, which is the usual case, it only reads.
func (s *Store) ExpireIntroductions(ctx context.Context, r model.Reader, now time.Time) (int, error) {
	params := inboxParams(r)
	params["now"] = now
	ids, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		rec, err := s.single(ctx, tx, `
CALL () {
  MATCH (n:Introduction)-[:TRANSLATOR]->(:Person {id: $subject}) RETURN n
  UNION
  MATCH (n:Introduction)-[:FROM|TO]->(o:Organisation) WHERE o.id IN $orgs RETURN n
}
WITH n WHERE n.status IN ['REQUESTED', 'ACCEPTED_BY_TRANSLATOR'] AND n.expiresAt <= $now
RETURN collect(n.id) AS ids`, params)
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return nil, nil
		}
		return asStrings(recordValue(rec, "ids")), nil
	})
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (int, error) {
		recs, err := s.collect(ctx, tx, `
UNWIND $ids AS id
MATCH (n:Introduction {id: id})
SET n._lock = true
REMOVE n._lock
WITH n WHERE n.status IN ['REQUESTED', 'ACCEPTED_BY_TRANSLATOR'] AND n.expiresAt <= $now
RETURN n.id AS id, n.status AS from`, map[string]any{"ids": ids, "now": now})
		if err != nil {
			return 0, err
		}
		from := map[string]model.IntroductionStatus{}
		var due []string
		for _, rec := range recs {
			id, _ := recordValue(rec, "id").(string)
			st, _ := recordValue(rec, "from").(string)
			from[id] = model.IntroductionStatus(st)
			due = append(due, id)
		}
		if len(due) == 0 {
			return 0, nil
		}
		rec, err := s.single(ctx, tx, `
UNWIND $ids AS id
MATCH (n:Introduction {id: id})
SET n.status = 'EXPIRED', n.updatedAt = n.expiresAt,
    n.historyStatus = n.historyStatus + 'EXPIRED', n.historyAt = n.historyAt + n.expiresAt, n.historyBy = n.historyBy + ''
RETURN collect(`+introReturn+`) AS items`, map[string]any{"ids": due, "now": now})
		if err != nil {
			return 0, err
		}
		var notices []model.InboxItem
		for _, raw := range recordList(rec, "items") {
			i := readIntroduction(raw)
			notices = append(notices, introductionNotices(i, from[i.ID], "")...)
		}
		if err := s.notify(ctx, tx, now, notices...); err != nil {
			return 0, err
		}
		return len(due), nil
	})
}
