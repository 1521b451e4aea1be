package pairing

import (
	"fmt"
	"strings"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
)

var sectorWord = map[model.Sector]string{
	model.SectorPublic: "public", model.SectorPrivate: "private", model.SectorThird: "third", model.SectorAcademia: "academic",
}

// explainPairing says in a coordinator's words why a pair is suggested.
func explainPairing(a, b store.NetworkOrganisation, p *model.UnusualPairing) string {
	names := make([]string, len(p.SharedTopics))
	for i, t := range p.SharedTopics {
		names[i] = t.Name
	}
	parts := []string{fmt.Sprintf("%s (%s sector) and %s (%s sector) both work on %s",
		a.Name, sectorWord[a.Sector], b.Name, sectorWord[b.Sector], joinWords(names))}
	parts = append(parts, "they have never worked together")
	switch {
	case p.Distance == nil:
		parts = append(parts, "no chain of collaborations joins their networks")
	case p.SharedPartners > 0:
		parts = append(parts, fmt.Sprintf("their networks share %s", plural(p.SharedPartners, "partner")))
	default:
		parts = append(parts, fmt.Sprintf("their networks share no partner (they are %d steps apart)", *p.Distance))
	}
	if a.Sector != b.Sector {
		parts = append(parts, fmt.Sprintf("%s–%s collaborations are %s (rarity %.2f)",
			sectorWord[a.Sector], sectorWord[b.Sector], rareWord(p.SectorCombinationRarity), p.SectorCombinationRarity))
	}
	if len(p.Translators) > 0 {
		t := p.Translators[0]
		var ties []string
		for _, side := range []model.BridgeSide{model.SideA, model.SideB} {
			for _, ev := range t.Evidence {
				if ev.Side == side {
					ties = append(ties, ev.Summary)
					break
				}
			}
		}
		parts = append(parts, fmt.Sprintf("%s knows both organisations (%s)", t.Person.Name, strings.Join(ties, "; ")))
	}
	return strings.Join(parts, "; ") + "."
}

// explainBoldness says how far apart the partners were when it began.
func explainBoldness(g *network, partners []int, facts []PairBefore) string {
	if len(facts) == 0 {
		return "It has fewer than two partners, so it joined nobody."
	}
	sectors := map[model.Sector]bool{}
	for _, u := range partners {
		sectors[g.orgs[u].Sector] = true
	}
	var words []string
	for _, s := range model.AllSectors {
		if sectors[s] {
			words = append(words, sectorWord[s])
		}
	}
	var never, far, earlier, noShared int
	for _, f := range facts {
		switch {
		case f.Distance == 1:
			earlier++
		case f.Distance == Unreachable:
			never++
		default:
			far++
		}
		if f.Distance != 1 && f.SharedPartners == 0 {
			noShared++
		}
	}
	parts := []string{fmt.Sprintf("It joined partners from the %s %s", joinWords(words), map[bool]string{true: "sector", false: "sectors"}[len(words) == 1])}
	total := len(facts)
	if never > 0 {
		parts = append(parts, fmt.Sprintf("%d of %s had no chain of earlier collaborations between them", never, plural(total, "partner pair")))
	}
	if far > 0 {
		parts = append(parts, fmt.Sprintf("%d of %s were connected only through others", far, plural(total, "partner pair")))
	}
	if earlier > 0 {
		parts = append(parts, fmt.Sprintf("%d of %s had worked together before", earlier, plural(total, "partner pair")))
	}
	if noShared > 0 {
		parts = append(parts, fmt.Sprintf("%d of %s had no earlier partner in common", noShared, plural(total, "partner pair")))
	}
	return strings.Join(parts, "; ") + "."
}

func joinWords(w []string) string {
	switch len(w) {
	case 0:
		return ""
	case 1:
		return w[0]
	default:
		return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func rareWord(rarity float64) string {
	switch {
	case rarity >= 0.9:
		return "rare"
	case rarity >= 0.7:
		return "uncommon"
	default:
		return "common"
	}
}
