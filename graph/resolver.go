// Package graph is Tulkki's GraphQL edge: gqlgen's generated executor, the
// thin resolvers that call the domain, the per-request dataloaders and the
// one place where domain errors become GraphQL error codes.
package graph

import (
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/directory"
	"github.com/tulkki/tulkki/internal/pairing"
	"github.com/tulkki/tulkki/internal/partnership"
	"github.com/tulkki/tulkki/internal/workshop"
)

//go:generate go tool gqlgen generate

// Resolver holds the domain services; it is the one place where the
// GraphQL layer's dependencies are wired.
type Resolver struct {
	Directory    *directory.Service
	Partnerships *partnership.Service
	Bridge       *bridge.Service
	Pairings     *pairing.Service
	Planner      *workshop.Service // workshops; not "Workshops", which Query.workshops would shadow
}
