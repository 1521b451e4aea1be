package pairing

import (
	"fmt"
	"strings"

	"github.com/tulkki/tulkki/internal/model"
)

var sectorWord = map[model.Sector]string{
	model.SectorPublic: "public", model.SectorPrivate: "private", model.SectorThird: "third", model.SectorAcademia: "academic",
}

// explainPairing says in a coordinator's words why a pair is suggested.
func explainPairing(a, b model.NetworkOrganisation, p *model.UnusualPairing) string {
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
	share := fmt.Sprintf("%.0f %%", 100*(1-p.SectorCombinationRarity))
	if p.SectorCombinationRarity >= 0.7 {
		share = "only " + share
	}
	combination := fmt.Sprintf("%s and %s organisation", withArticle(sectorWord[a.Sector]+"-sector"), withArticle(sectorWord[b.Sector]+"-sector"))
	if a.Sector == b.Sector {
		combination = fmt.Sprintf("two %s-sector organisations", sectorWord[a.Sector])
	}
	parts = append(parts, fmt.Sprintf("%s of past collaborations joined %s", share, combination))
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
	if total := len(facts); total == 1 {
		f := facts[0]
		switch {
		case f.Distance == 1:
			parts = append(parts, "the two had worked together before")
		case f.Distance == Unreachable:
			parts = append(parts, "no chain of earlier collaborations joined the two")
		default:
			parts = append(parts, fmt.Sprintf("the two were %d steps apart in the network of earlier collaborations", f.Distance))
		}
		if f.Distance != 1 && f.SharedPartners == 0 {
			parts = append(parts, "they had no earlier partner in common")
		} else if f.Distance != 1 {
			parts = append(parts, fmt.Sprintf("they had %s in common", plural(f.SharedPartners, "earlier partner")))
		}
	} else {
		pairs := plural(total, "partner pair")
		if never > 0 {
			parts = append(parts, fmt.Sprintf("%d of %s had no chain of earlier collaborations between them", never, pairs))
		}
		if far > 0 {
			parts = append(parts, fmt.Sprintf("%d of %s were connected only through others", far, pairs))
		}
		if earlier > 0 {
			parts = append(parts, fmt.Sprintf("%d of %s had worked together before", earlier, pairs))
		}
		if noShared > 0 {
			parts = append(parts, fmt.Sprintf("%d of %s had no earlier partner in common", noShared, pairs))
		}
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

func withArticle(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}
