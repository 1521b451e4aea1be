package graph

import (
	"github.com/tulkki/tulkki/graph/gqlmodel"
	"github.com/tulkki/tulkki/internal/bridge"
	"github.com/tulkki/tulkki/internal/collaboration"
	"github.com/tulkki/tulkki/internal/ecosystem"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/pairing"
	"github.com/tulkki/tulkki/internal/validate"
	"github.com/tulkki/tulkki/internal/workshop"
)

// What fields cost against the complexity limit. A plain field costs 1
// plus what is selected inside it (gqlgen's default). A list costs what is
// selected inside it times the number of items it returns at most, so
// aliases and nesting multiply as the work does. A field that searches the
// graph costs a fixed amount for the search on top of that, sized against
// the budgets: an anonymous caller (a quarter of the signed-in budget, 2500
// by default) may run about ten translator searches in one request, a
// signed-in caller about forty; docs/api.md, "Limits", lists them.
const (
	// SearchCost is one ranked search: translators,
	// translatorsBetweenSectors, boldCollaborations. Each reads the ties
	// or collaborations of thousands of nodes (translators p50 8 ms at
	// 100k people, against about 1 ms for a page of people).
	SearchCost = 200
	// PairingSearchCost is unusualPairings: distances in the collaboration
	// network from every candidate organisation, then a translator search
	// for the pairs kept.
	PairingSearchCost = 500
	// NextStepsCost is Collaboration.nextSteps: a gap query and up to four
	// translator searches (one per present × missing sector pair), so at
	// most nine collaborations of one signed-in operation may ask for it.
	NextStepsCost = 1000
	// WorkshopPlanCost and WorkshopSeatCost are planWorkshop and
	// createWorkshop: planning reads the topic's organisations and a
	// translator search per table, and grows with the seats.
	WorkshopPlanCost = 500
	WorkshopSeatCost = 5
	// BoldnessCost is Collaboration.boldness: distances between its
	// partners in the network of earlier collaborations.
	BoldnessCost = 20
	// TopicsCost multiplies what is selected of each topic in `topics`,
	// which lists them all (a few dozen).
	TopicsCost = 50
	// ExportCost is exportMyData: everything held about the caller.
	ExportCost = 50
	// EcosystemCost is ecosystem: a dozen counts over every collaboration,
	// organisation and translator matching the filter.
	EcosystemCost = 200
	// EcosystemGraphCost is ecosystemGraph: the organisation network and
	// its betweenness. What is selected of each node and edge counts once
	// per EcosystemNodesPerUnit nodes of maxNodes: a map of 300 nodes with
	// their names costs a few hundred, with their people far more.
	EcosystemGraphCost    = 300
	EcosystemNodesPerUnit = 20
)

// pageSize is the number of items a `first` argument asks for: def when it
// is absent, at most most (beyond that the service refuses the request
// with BAD_USER_INPUT, which says more than a cost would).
func pageSize(first *int, def, most int) int {
	if first == nil || *first < 1 {
		return def
	}
	return min(*first, most)
}

// setCosts fills cfg.Complexity.
func setCosts(cfg *Config) {
	c := &cfg.Complexity
	connection := func(child int, first *int) int {
		return 1 + pageSize(first, validate.DefaultPageSize, validate.MaxPageSize)*child
	}
	c.Query.People = func(child int, _ *model.PersonFilter, first *int, _ *string) int { return connection(child, first) }
	c.Query.Organisations = func(child int, _ *model.OrganisationFilter, first *int, _ *string) int {
		return connection(child, first)
	}
	c.Query.Collaborations = func(child int, _ *model.CollaborationFilter, o *gqlmodel.CollaborationOrder, first *int, _ *string) int {
		if o != nil && o.Field == model.OrderByBoldness {
			// Every matching collaboration is measured (docs/api.md).
			return SearchCost + connection(child, first)
		}
		return connection(child, first)
	}
	c.Query.Workshops = func(child int, first *int, _ *string) int {
		return 1 + pageSize(first, 20, workshop.MaxListed)*child
	}
	c.Query.Topics = func(child int) int { return 1 + TopicsCost*child }
	c.Query.TopicsPage = func(child int, _ *string, first *int, _ *string) int { return connection(child, first) }
	c.Query.ExportMyData = func(int) int { return ExportCost }
	c.Query.Ecosystem = func(child int, _ *model.EcosystemFilter, _ *string) int { return EcosystemCost + child }
	c.Query.EcosystemGraph = func(child int, _ *model.EcosystemGraphFilter, maxNodes *int) int {
		n := pageSize(maxNodes, ecosystem.DefaultMaxNodes, ecosystem.MaxNodes)
		return EcosystemGraphCost + child*max(1, n/EcosystemNodesPerUnit)
	}

	translators := func(child int, first *int) int {
		return SearchCost + pageSize(first, bridge.DefaultMatches, bridge.MaxMatches)*child
	}
	c.Query.Translators = func(child int, _ []string, first *int, _ *model.TranslatorFilter) int {
		return translators(child, first)
	}
	c.Query.TranslatorsBetweenSectors = func(child int, _ []model.Sector, first *int, _ *model.TranslatorFilter) int {
		return translators(child, first)
	}
	c.Query.UnusualPairings = func(child int, _, _ *string, _ []model.Sector, _ *bool, first *int) int {
		return PairingSearchCost + pageSize(first, pairing.DefaultSuggestions, pairing.MaxSuggestions)*child
	}
	c.PartnershipCall.SuggestedPartners = func(child int, first *int) int {
		return PairingSearchCost + pageSize(first, pairing.DefaultCallSuggestions, pairing.MaxCallSuggestions)*child
	}
	c.Query.PartnershipCalls = func(child int, _ *model.CallFilter, first *int, _ *string) int { return connection(child, first) }
	c.Query.BoldCollaborations = func(child int, _ gqlmodel.PeriodInput, first *int) int {
		return SearchCost + pageSize(first, pairing.DefaultSuggestions, pairing.MaxSuggestions)*child
	}
	plan := func(child int, in *gqlmodel.PlanWorkshopInput) int {
		size := workshop.MaxSize
		if in != nil && in.Size > 0 {
			size = min(in.Size, workshop.MaxSize)
		}
		return WorkshopPlanCost + WorkshopSeatCost*size + child
	}
	c.Query.PlanWorkshop = func(child int, in gqlmodel.PlanWorkshopInput) int { return plan(child, &in) }
	c.Mutation.CreateWorkshop = func(child int, in gqlmodel.CreateWorkshopInput) int { return plan(child, in.Plan) }

	// Nested lists multiply the cost of what is selected inside them by
	// their typical length, so that deep fan-out (organisations → people →
	// experiences → organisation → people …) is refused up front instead of
	// returning megabytes.
	perItem := func(n int) func(int) int { return func(child int) int { return 1 + n*child } }
	c.Person.Experiences = perItem(5)
	c.Person.Contributions = perItem(5)
	c.Membership.Experiences = perItem(3)
	c.Organisation.People = func(child int, _ *gqlmodel.Tenure, first *int, _ *string) int {
		return 1 + pageSize(first, 20, validate.MaxPageSize)*child
	}
	c.Organisation.Collaborations = perItem(10)
	c.Organisation.OpenCalls = perItem(3)
	c.Organisation.TranslatorsTo = func(child int, _ model.Sector, first *int, _ *model.TranslatorFilter) int {
		return translators(child, first)
	}
	c.Collaboration.Partners = perItem(4)
	c.Collaboration.Contributors = perItem(4)
	c.Collaboration.Notes = perItem(10)
	c.Collaboration.Invitations = perItem(4)
	c.Person.ContributorInvitations = perItem(5)
	c.Collaboration.Boldness = func(child int) int { return BoldnessCost + child }
	// nextSteps is meant for a collaboration's detail view: a flat cost
	// lets one collaboration (or a handful) ask for it and refuses a page
	// of them (docs/api.md).
	c.Collaboration.NextSteps = func(child int, first *int, _ *model.TranslatorFilter) int {
		return NextStepsCost + pageSize(first, collaboration.DefaultNextStepItems, collaboration.MaxNextStepItems)*child
	}
}
