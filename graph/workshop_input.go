package graph

import (
	"github.com/tulkki/tulkki/graph/gqlmodel"
	"github.com/tulkki/tulkki/internal/workshop"
)

// planInput converts the GraphQL input of a workshop plan.
func planInput(in gqlmodel.PlanWorkshopInput) workshop.PlanInput {
	out := workshop.PlanInput{TopicID: in.TopicID, Size: in.Size, Tables: in.Tables,
		MustInclude: in.MustInclude, Exclude: in.Exclude, Sectors: in.Sectors}
	if in.Seed != nil {
		out.Seed = *in.Seed
	}
	return out
}
