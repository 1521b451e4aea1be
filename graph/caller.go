package graph

import (
	"context"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/model"
)

// caller is who is asking. Resolvers read it here, once per call, and pass
// it to the domain, which never looks into the context for it.
func caller(ctx context.Context) auth.Principal { return auth.From(ctx) }

// viewer is which people the caller may see, for the domain's searches
// that need no more than that (translators, pairings, next steps).
func viewer(ctx context.Context) model.PersonScope { return auth.PersonScopeOf(auth.From(ctx)) }

// orDefault is *first, or def when the argument was not given; the domain
// checks the range.
func orDefault(first *int, def int) int {
	if first == nil {
		return def
	}
	return *first
}
