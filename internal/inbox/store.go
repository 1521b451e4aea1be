package inbox

import (
	"context"
	"time"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what the inbox needs from storage.
type Store interface {
	Inbox(ctx context.Context, r model.Reader, unreadOnly bool, first int, after *string) (*model.Page[*model.InboxItem], int, error)
	UnreadCount(ctx context.Context, r model.Reader) (int, error)
	MarkRead(ctx context.Context, r model.Reader, ids []string) (int, error)
	// ExpireIntroductions records the expiry of r's open introductions
	// past their time as of now, with the inbox items it makes.
	ExpireIntroductions(ctx context.Context, r model.Reader, now time.Time) (int, error)
}
