// Package inbox is the in-app inbox: notices of introduction requests and
// their changes, responses to one's organisation's calls and evaluation
// requests, written by the changes themselves (the store's notify) and
// pulled by their readers; an introduction's expiry, which no change
// makes, is recorded by the first read of an inbox involved in it. A notice goes to a person or to the editors of
// an organisation; each reader marks it read for themselves.
//
// Who asks is an explicit parameter; storage is the Store port.
package inbox

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Service reads inboxes.
type Service struct {
	store Store
	now   func() time.Time
}

// New returns the service over st.
func New(st Store) *Service {
	return &Service{store: st, now: func() time.Time { return time.Now().UTC() }}
}

// WithClock returns a copy of s that takes the time from now (tests).
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// expire tells the reader's side of introductions that expired unanswered
// (an introduction expires when read after its time, with no writer of
// its own): the first read of an inbox after the expiry records it, and
// every inbox involved gets its item.
func (s *Service) expire(ctx context.Context, r model.Reader) error {
	if _, err := s.store.ExpireIntroductions(ctx, r, s.now()); err != nil {
		return fmt.Errorf("expire introductions: %w", err)
	}
	return nil
}

// readerOf is caller as a reader: their subject and, for an ORG_EDITOR,
// the organisations they edit.
func readerOf(caller auth.Principal) model.Reader {
	r := model.Reader{Subject: caller.Subject}
	if caller.Has(auth.RoleOrgEditor) {
		r.OrgIDs = slices.Clone(caller.Orgs)
	}
	return r
}

// Mine reports whether person id is the caller (an inbox is only ever
// its owner's).
func Mine(caller auth.Principal, personID string) bool {
	return caller.Subject != "" && caller.Subject == personID
}

// Page reads a page of caller's inbox, newest first, and their unread count.
func (s *Service) Page(ctx context.Context, caller auth.Principal, first *int, after *string, unreadOnly bool) (*model.Page[*model.InboxItem], int, error) {
	if caller.Subject == "" {
		return nil, 0, auth.Deny(caller, "an inbox is its owner's")
	}
	n, err := validate.PageSize(first)
	if err != nil {
		return nil, 0, err
	}
	r := readerOf(caller)
	if err := s.expire(ctx, r); err != nil {
		return nil, 0, err
	}
	return s.store.Inbox(ctx, r, unreadOnly, n, after)
}

// UnreadCount counts caller's unread items.
func (s *Service) UnreadCount(ctx context.Context, caller auth.Principal) (int, error) {
	if caller.Subject == "" {
		return 0, auth.Deny(caller, "an inbox is its owner's")
	}
	r := readerOf(caller)
	if err := s.expire(ctx, r); err != nil {
		return 0, err
	}
	return s.store.UnreadCount(ctx, r)
}

// MarkRead marks items of caller's inbox read (ids of others' items are
// ignored) and returns the unread count after.
func (s *Service) MarkRead(ctx context.Context, caller auth.Principal, ids []string) (int, error) {
	if caller.Subject == "" {
		return 0, auth.Deny(caller, "sign in to read your inbox")
	}
	ids, err := validate.IDs("ids", ids)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, errs.Invalid("ids", "give the ids of the items to mark read")
	}
	return s.store.MarkRead(ctx, readerOf(caller), ids)
}
