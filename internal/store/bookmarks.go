package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// On a Neo4j cluster (Aura, Enterprise) reads are routed to readers, which
// may lag the leader: a client that writes through one API replica and then
// reads through another could miss its own write. Neo4j's bookmarks close
// that gap: a transaction started with the bookmarks of earlier ones waits
// until the server it runs on has applied them. The store collects the
// bookmarks of a request's writes (the GraphQL edge returns them to the
// client as an opaque token) and starts every transaction of a request
// with the bookmarks the client sent back. On a single server this costs
// nothing and changes nothing.

// Bookmarks are one request's: those it arrived with and those its writes
// made.
type Bookmarks struct {
	mu      sync.Mutex
	after   []string // the client's: every transaction waits for them
	written []string // this request's writes'
}

type bookmarksCtx struct{}

// ErrBadBookmarkToken is the error of a token that EncodeBookmarks did not make.
var ErrBadBookmarkToken = errors.New("not a bookmark token of this API")

// maxBookmarks bounds how many bookmarks a token may carry.
const maxBookmarks = 32

// WithBookmarks starts a request's bookmarks: its transactions wait for
// after (decoded from the client's token, nil for none), and the
// bookmarks of its writes are kept in the returned Bookmarks.
func WithBookmarks(ctx context.Context, after []string) (context.Context, *Bookmarks) {
	b := &Bookmarks{after: slices.Clone(after)}
	return context.WithValue(ctx, bookmarksCtx{}, b), b
}

// Written returns the bookmarks of the request's writes, with those it
// arrived with: the token a client sends next to read what it wrote.
func (b *Bookmarks) Written() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.written) == 0 {
		return nil
	}
	return append(slices.Clone(b.after), b.written...)
}

func bookmarksOf(ctx context.Context) *Bookmarks {
	b, _ := ctx.Value(bookmarksCtx{}).(*Bookmarks)
	return b
}

// config is the session configuration for a transaction of ctx's request:
// it waits for the client's bookmarks and for the request's own writes (a
// mutation's answer is read after it, perhaps from another server).
func (b *Bookmarks) config(database string, mode neo4j.AccessMode) neo4j.SessionConfig {
	c := neo4j.SessionConfig{DatabaseName: database, AccessMode: mode}
	if b != nil {
		b.mu.Lock()
		c.Bookmarks = neo4j.BookmarksFromRawValues(append(slices.Clone(b.after), b.written...)...)
		b.mu.Unlock()
	}
	return c
}

// wrote keeps the bookmarks of a committed write.
func (b *Bookmarks) wrote(marks []string) {
	if b == nil || len(marks) == 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range marks {
		if !slices.Contains(b.written, m) {
			b.written = append(b.written, m)
		}
	}
}

// EncodeBookmarks makes the opaque token a client gets for marks.
func EncodeBookmarks(marks []string) string {
	raw, _ := json.Marshal(marks)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// DecodeBookmarks reads a client's token; ErrBadBookmarkToken when it is not one.
func DecodeBookmarks(token string) ([]string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return nil, ErrBadBookmarkToken
	}
	var marks []string
	if err := json.Unmarshal(raw, &marks); err != nil || len(marks) > maxBookmarks {
		return nil, ErrBadBookmarkToken
	}
	for _, m := range marks {
		if m == "" || len(m) > 512 {
			return nil, ErrBadBookmarkToken
		}
	}
	return marks, nil
}
