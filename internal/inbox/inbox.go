// Package inbox is the in-app inbox: notices of introduction requests and
// their changes, responses to one's organisation's calls and evaluation
// requests, written by the changes themselves (the store's notify) and
// pulled by their readers. A notice goes to a person or to the editors of
// an organisation; each reader marks it read for themselves.
//
// Who asks is an explicit parameter; storage is the Store port.
package inbox

import (
	"context"
	"slices"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Service reads inboxes.
type Service struct{ store Store }

// New returns the service over st.
func New(st Store) *Service { return &Service{store: st} }

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
	return s.store.Inbox(ctx, readerOf(caller), unreadOnly, n, after)
}

// UnreadCount counts caller's unread items.
func (s *Service) UnreadCount(ctx context.Context, caller auth.Principal) (int, error) {
	if caller.Subject == "" {
		return 0, auth.Deny(caller, "an inbox is its owner's")
	}
	return s.store.UnreadCount(ctx, readerOf(caller))
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
