// Package graph is Tulkki's GraphQL edge: gqlgen's generated executor, the
// thin resolvers that call the domain, the per-request dataloaders and the
// one place where domain errors become GraphQL error codes.
package graph

import (
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/call"
	"github.com/tulkki/tulkki/internal/collaboration"
	"github.com/tulkki/tulkki/internal/directory"
	"github.com/tulkki/tulkki/internal/ecosystem"
	"github.com/tulkki/tulkki/internal/evaluation"
	"github.com/tulkki/tulkki/internal/importer"
	"github.com/tulkki/tulkki/internal/inbox"
	"github.com/tulkki/tulkki/internal/introduction"
	"github.com/tulkki/tulkki/internal/origin"
	"github.com/tulkki/tulkki/internal/pairing"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/workshop"
)

//go:generate go run ../tools/gqlgen

// Resolver holds the domain services; it is the one place where the
// GraphQL layer's dependencies are wired.
type Resolver struct {
	Directory *directory.Service
	Collab    *collaboration.Service // collaborations; not "Collaborations", which Query.collaborations would shadow
	Bridge    *bridge.Service
	Planner   *workshop.Service // workshops; not "Workshops", which Query.workshops would shadow
	Pairings  *pairing.Service
	Calls     *call.Service
	Intros    *introduction.Service // not "Introductions", which Person.introductions would shadow
	// Origins starts collaborations from calls and introductions.
	Origins     *origin.Service
	Evaluations *evaluation.Service
	Inboxes     *inbox.Service     // not "Inbox", which Person.inbox would shadow
	Overview    *ecosystem.Service // the ecosystem's aggregates and map; not "Ecosystem", which Query.ecosystem would shadow
	Imports     *importer.Service  // spreadsheet imports and exports (importData, /export.zip)
}

// NewResolver wires every domain service over st; the server, the tests
// and the benchmark all build their resolver here.
func NewResolver(st *store.Store) *Resolver {
	br := bridge.New(st)
	pairings := pairing.New(st, br)
	return &Resolver{
		Directory:   directory.New(st),
		Collab:      collaboration.New(st, br, pairings),
		Bridge:      br,
		Planner:     workshop.New(st, br),
		Pairings:    pairings,
		Calls:       call.New(st),
		Intros:      introduction.New(st, introduction.Options{}),
		Origins:     origin.New(st),
		Evaluations: evaluation.New(st),
		Inboxes:     inbox.New(st),
		Overview:    ecosystem.New(st),
		Imports:     importer.New(st, importer.Limits{}),
	}
}
