package inbox

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
)

// fakeStore records the readers it was asked for, and when expiry was
// applied for whom.
type fakeStore struct {
	readers []model.Reader
	expired []model.Reader
	at      []time.Time
}

func (f *fakeStore) ExpireIntroductions(_ context.Context, r model.Reader, now time.Time) (int, error) {
	f.expired = append(f.expired, r)
	f.at = append(f.at, now)
	return 0, nil
}

func (f *fakeStore) Inbox(_ context.Context, r model.Reader, _ bool, _ int, _ *string) (*model.Page[*model.InboxItem], int, error) {
	f.readers = append(f.readers, r)
	return &model.Page[*model.InboxItem]{}, 0, nil
}

func (f *fakeStore) UnreadCount(_ context.Context, r model.Reader) (int, error) {
	f.readers = append(f.readers, r)
	return 0, nil
}

func (f *fakeStore) MarkRead(_ context.Context, r model.Reader, _ []string) (int, error) {
	f.readers = append(f.readers, r)
	return 0, nil
}

func TestReaders(t *testing.T) {
	f := &fakeStore{}
	s := New(f)
	ctx := context.Background()
	editor := auth.Principal{Subject: "e", Roles: []auth.Role{auth.RoleOrgEditor}, Orgs: []string{"o1", "o2"}}
	// Organisations in a token without the editor role give no access to
	// their inboxes.
	pro := auth.Principal{Subject: "p", Roles: []auth.Role{auth.RoleProfessional}, Orgs: []string{"o1"}}
	if _, _, err := s.Page(ctx, editor, nil, nil, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UnreadCount(ctx, pro); err != nil {
		t.Fatal(err)
	}
	if len(f.readers) != 2 || !slices.Equal(f.readers[0].OrgIDs, []string{"o1", "o2"}) || len(f.readers[1].OrgIDs) != 0 {
		t.Fatalf("readers %+v", f.readers)
	}
	if _, err := s.MarkRead(ctx, auth.Principal{}, []string{"x"}); !errors.Is(err, errs.ErrForbidden) {
		t.Errorf("anonymous markRead: %v", err)
	}
	if _, err := s.MarkRead(ctx, editor, nil); !errors.Is(err, errs.ErrInvalidInput) {
		t.Errorf("markRead of nothing: %v", err)
	}
	if _, _, err := s.Page(ctx, auth.Principal{}, nil, nil, false); !errors.Is(err, errs.ErrForbidden) {
		t.Errorf("anonymous inbox: %v", err)
	}
	// Reading an inbox or its unread count first records the expiry of the
	// reader's introductions, as of the service's clock; marking read,
	// and a refused read, does not.
	if len(f.expired) != 2 || !slices.Equal(f.expired[0].OrgIDs, []string{"o1", "o2"}) || f.expired[1].Subject != "p" {
		t.Errorf("expiry applied for %+v", f.expired)
	}
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if _, err := s.WithClock(func() time.Time { return at }).UnreadCount(ctx, editor); err != nil || !f.at[len(f.at)-1].Equal(at) {
		t.Errorf("expiry as of %v, want the clock's %v (%v)", f.at, at, err)
	}
	if !Mine(editor, "e") || Mine(editor, "p") || Mine(auth.Principal{}, "") {
		t.Error("Mine")
	}
}
