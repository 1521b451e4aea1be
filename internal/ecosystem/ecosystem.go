// Package ecosystem is the coordinator's view of the whole ecosystem: the
// aggregates of a dashboard (collaborations by phase and form, the sector
// matrix of grey areas, stalled collaborations, pending evaluations) and
// the organisation collaboration network drawn as a map. The store
// computes the aggregates and reads the network; this package checks who
// may ask and what, keeps the most connected organisations of a large
// network and measures their betweenness.
package ecosystem

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/netsci"
	"github.com/tulkki/tulkki/internal/validate"
)

// Limits of ecosystemGraph's maxNodes.
const (
	DefaultMaxNodes = 300
	MaxNodes        = 2000
	// DefaultStalledFor is when a collaboration counts as stalled unless
	// the caller says otherwise.
	DefaultStalledFor = "P90D"
)

// Service answers the ecosystem queries.
type Service struct{ store Store }

// New returns the ecosystem service over st.
func New(st Store) *Service { return &Service{store: st} }

func authorise(caller auth.Principal) error {
	if !auth.CanSeeEcosystem(caller) {
		return auth.Deny(caller, "only coordinators and administrators see the ecosystem's aggregates")
	}
	return nil
}

// checkScope validates the region and topic shared by both filters.
func checkScope(region, topicID string) (string, string, error) {
	region, err := validate.Text("region", region, validate.MaxRegion)
	if err != nil {
		return "", "", err
	}
	if topicID != "" {
		ids, err := validate.IDs("topicId", []string{topicID})
		if err != nil {
			return "", "", err
		}
		topicID = ids[0]
	}
	return region, topicID, nil
}

// Ecosystem computes the aggregates of the collaborations, organisations
// and translators matching f; a collaboration not yet EVALUATED counts as
// stalled when its phase has not changed for stalledFor (an ISO 8601
// duration; DefaultStalledFor when empty).
func (s *Service) Ecosystem(ctx context.Context, caller auth.Principal, f model.EcosystemFilter, stalledFor string) (*model.Ecosystem, error) {
	if err := authorise(caller); err != nil {
		return nil, err
	}
	var err error
	if f.Region, f.TopicID, err = checkScope(f.Region, f.TopicID); err != nil {
		return nil, err
	}
	if stalledFor == "" {
		stalledFor = DefaultStalledFor
	}
	if stalledFor, err = validate.PositiveDuration("stalledFor", stalledFor); err != nil {
		return nil, err
	}
	// A read of no data for the Version: it costs a round trip, and lets a
	// dashboard read again before anything changed skip the aggregates.
	seen, err := s.store.CurrentVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the database version: %w", err)
	}
	e, err := s.store.EcosystemStats(ctx, f, stalledFor, auth.PersonScopeOf(caller), seen)
	if err != nil {
		return nil, fmt.Errorf("compute the ecosystem's aggregates: %w", err)
	}
	return e, nil
}

// Graph returns the organisation network of the collaborations matching
// f, at most maxNodes organisations (1..MaxNodes): the most connected ones
// (most collaborations, then most partners, then by id), with the edges
// between them and their betweenness in that network.
func (s *Service) Graph(ctx context.Context, caller auth.Principal, f model.EcosystemGraphFilter, maxNodes int) (*model.EcosystemGraph, error) {
	if err := authorise(caller); err != nil {
		return nil, err
	}
	if maxNodes < 1 || maxNodes > MaxNodes {
		return nil, errs.Invalid("maxNodes", "maxNodes must be between 1 and %d, got %d", MaxNodes, maxNodes)
	}
	var err error
	if f.Region, f.TopicID, err = checkScope(f.Region, f.TopicID); err != nil {
		return nil, err
	}
	if err := validate.OptionalOneOf("sector", f.Sector, model.AllSectors); err != nil {
		return nil, err
	}
	if err := validate.OptionalOneOf("phase", f.Phase, model.AllPhases); err != nil {
		return nil, err
	}
	g, err := s.store.EcosystemNetwork(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("read the organisation network: %w", err)
	}
	return keep(ctx, g, maxNodes)
}

// keep cuts g to its maxNodes most connected organisations and the edges
// between them, and measures betweenness in what is kept.
func keep(ctx context.Context, g *model.EcosystemGraph, maxNodes int) (*model.EcosystemGraph, error) {
	partners := map[string]int{}
	for _, e := range g.Edges {
		partners[e.A]++
		partners[e.B]++
	}
	nodes := slices.Clone(g.Nodes)
	slices.SortFunc(nodes, func(x, y *model.EcosystemNode) int {
		if c := cmp.Compare(y.Collaborations, x.Collaborations); c != 0 {
			return c
		}
		if c := cmp.Compare(partners[y.OrganisationID], partners[x.OrganisationID]); c != 0 {
			return c
		}
		return cmp.Compare(x.OrganisationID, y.OrganisationID)
	})
	out := &model.EcosystemGraph{Nodes: []*model.EcosystemNode{}, Edges: []*model.EcosystemEdge{}}
	if len(nodes) > maxNodes {
		out.Omitted = len(nodes) - maxNodes
		nodes = nodes[:maxNodes]
	}
	index := make(map[string]int, len(nodes))
	b := netsci.NewBuilder(len(nodes))
	for i, n := range nodes {
		index[n.OrganisationID] = i
		b.SetGroup(i, sectorGroup(n.Sector))
		out.Nodes = append(out.Nodes, &model.EcosystemNode{OrganisationID: n.OrganisationID, Sector: n.Sector, Collaborations: n.Collaborations})
	}
	for _, e := range g.Edges {
		i, okA := index[e.A]
		j, okB := index[e.B]
		if okA && okB {
			out.Edges = append(out.Edges, e)
			b.AddEdge(i, j)
		}
	}
	slices.SortFunc(out.Edges, func(x, y *model.EcosystemEdge) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	net, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("build the organisation network: %w", err)
	}
	bc, err := netsci.Betweenness(ctx, net, netsci.BetweennessOptions{})
	if err != nil {
		return nil, fmt.Errorf("betweenness of the organisation network: %w", err)
	}
	for i, n := range out.Nodes {
		n.Betweenness = bc[i]
	}
	return out, nil
}

func sectorGroup(s model.Sector) int {
	if i := slices.Index(model.AllSectors, s); i >= 0 {
		return i
	}
	return netsci.Unknown
}
