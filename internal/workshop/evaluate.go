package workshop

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tulkki/tulkki/internal/model"
)

// facts are what checking a seating needs to know about its people and
// organisations.
type facts struct {
	orgs        map[string]*model.PlanOrganisation
	unusual     Pairing
	translators map[string]Translator
	// subjects resolves mustInclude ids (organisation or person).
	subjects map[string]model.PlanSubject
}

// evaluate checks a seating against the workshop's constraints and fills
// plan.Unmet, plan.Pairings and plan.TableSectors. It runs after planning
// and after every edit, so the list of unmet constraints stays true.
func evaluate(plan *model.WorkshopPlan, f facts) {
	p := plan.Params
	plan.Unmet = []*model.UnmetConstraint{}
	plan.Pairings = map[int][2]string{}
	plan.TableSectors = map[int][]model.Sector{}
	unmet := func(u model.UnmetConstraint) { plan.Unmet = append(plan.Unmet, &u) }

	tables := make([][]rep, p.Tables+1)
	translators := make([][]string, p.Tables+1)
	count := map[model.Sector]int{}
	seated := map[string]bool{}
	for _, sp := range plan.Participants {
		seated[sp.PersonID] = true
		if sp.Table < 1 || sp.Table > p.Tables {
			continue
		}
		if sp.Role == model.RoleTranslator {
			translators[sp.Table] = append(translators[sp.Table], sp.PersonID)
			continue
		}
		seated[sp.OrganisationID] = true
		if o := f.orgs[sp.OrganisationID]; o != nil {
			tables[sp.Table] = append(tables[sp.Table], rep{person: sp.PersonID, org: o})
			count[o.Sector]++
		}
	}

	quota := quotas(max(p.Size-p.Tables, len(p.Sectors)), p.Sectors)
	for _, sec := range p.Sectors {
		switch {
		case count[sec] == 0:
			unmet(model.UnmetConstraint{Code: model.UnmetSectorMissing, Sector: sec,
				Message: fmt.Sprintf("no representative of the %s sector: no organisation of it interested in the topic has a visible person with an ongoing stint", sec)})
		case count[sec] < quota[sec]:
			unmet(model.UnmetConstraint{Code: model.UnmetSectorUnderrepresented, Sector: sec,
				Message: fmt.Sprintf("the %s sector has %d of the %d representatives that would balance the sectors: too few of its organisations interested in the topic have visible people with an ongoing stint", sec, count[sec], quota[sec])})
		}
	}
	if n := len(plan.Participants); n < p.Size {
		unmet(model.UnmetConstraint{Code: model.UnmetSizeNotReached,
			Message: fmt.Sprintf("%d participants of the %d asked for: not enough organisations interested in the topic with visible people, or not enough translators", n, p.Size)})
	}
	for _, id := range p.MustInclude {
		if !seated[id] {
			what := "organisation"
			if sub, ok := f.subjects[id]; ok && !sub.IsOrg {
				what = "person"
			}
			unmet(model.UnmetConstraint{Code: model.UnmetMustIncludeNotPlaced, Subject: id,
				Message: fmt.Sprintf("%s %q must be included but has no seat: it needs a visible person with an ongoing stint at an organisation", what, id)})
		}
	}

	for t := 1; t <= p.Tables; t++ {
		sectors := sectorsOf(tables[t])
		plan.TableSectors[t] = sectors
		if len(sectors) < 2 {
			unmet(model.UnmetConstraint{Code: model.UnmetTableSingleSector, Table: t,
				Message: fmt.Sprintf("table %d does not mix sectors: its representatives are all from %s", t, joinSectors(sectors, "no sector"))})
		}
		if pair, ok := pairAt(tables[t], f.unusual); ok {
			plan.Pairings[t] = pair
		} else {
			unmet(model.UnmetConstraint{Code: model.UnmetTableNoUnusualPairing, Table: t,
				Message: fmt.Sprintf("table %d has no unusual pairing: no two organisations there from different sectors, both interested in the topic, that have never been partners", t)})
		}
		if len(translators[t]) == 0 {
			unmet(model.UnmetConstraint{Code: model.UnmetTableNoTranslator, Table: t,
				Message: fmt.Sprintf("table %d has no translator: nobody open to bridging with experience in two of its sectors was free", t)})
			continue
		}
		var missing []model.Sector
		for _, sec := range sectors {
			if !slices.ContainsFunc(translators[t], func(id string) bool { return f.translators[id].Years[sec] > 0 }) {
				missing = append(missing, sec)
			}
		}
		if len(missing) > 0 {
			unmet(model.UnmetConstraint{Code: model.UnmetTranslatorPartialSpan, Table: t,
				Message: fmt.Sprintf("the translator at table %d has no experience in %s", t, joinSectors(missing, ""))})
		}
	}
}

func joinSectors(ss []model.Sector, none string) string {
	if len(ss) == 0 {
		return none
	}
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ", ")
}
