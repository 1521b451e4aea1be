package pairing

import (
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
)

// sectorNoun names a sector ("public sector"); sectorAdj is the word for
// an organisation of it ("a public-sector ... organisation"), sectorOf the
// same without the article. Each is a key worded in the reader's language.
var (
	sectorNoun = map[model.Sector]i18n.Text{
		model.SectorPublic: i18n.T("public sector"), model.SectorPrivate: i18n.T("private sector"),
		model.SectorThird: i18n.T("third sector"), model.SectorAcademia: i18n.T("academic sector"),
	}
	sectorAdj = map[model.Sector]i18n.Text{
		model.SectorPublic: i18n.T("a public-sector"), model.SectorPrivate: i18n.T("a private-sector"),
		model.SectorThird: i18n.T("a third-sector"), model.SectorAcademia: i18n.T("an academic-sector"),
	}
	sectorOf = map[model.Sector]i18n.Text{
		model.SectorPublic: i18n.T("public-sector"), model.SectorPrivate: i18n.T("private-sector"),
		model.SectorThird: i18n.T("third-sector"), model.SectorAcademia: i18n.T("academic-sector"),
	}
	// sectorWords name the sectors in a list: "the public and third sectors".
	sectorWords = map[model.Sector]i18n.Text{
		model.SectorPublic: i18n.T("public"), model.SectorPrivate: i18n.T("private"),
		model.SectorThird: i18n.T("third"), model.SectorAcademia: i18n.T("academic"),
	}
)

// topicNames are the topics' names, each worded in the reader's language.
func topicNames(topics []*model.Topic) i18n.List {
	names := make([]i18n.Names, len(topics))
	for i, t := range topics {
		names[i] = t.Names()
	}
	return i18n.And(names)
}

// explainPairing says in a coordinator's words why a pair is suggested.
func explainPairing(a, b model.NetworkOrganisation, p *model.UnusualPairing) i18n.Text {
	parts := []i18n.Text{i18n.T("%s (%s) and %s (%s) both work on %s",
		a.Name, sectorNoun[a.Sector], b.Name, sectorNoun[b.Sector], topicNames(p.SharedTopics))}
	parts = append(parts, i18n.T("they have never worked together"))
	switch {
	case p.Distance == nil:
		parts = append(parts, i18n.T("no chain of collaborations joins their networks"))
	case p.SharedPartners > 0:
		parts = append(parts, i18n.Plural(p.SharedPartners, "their networks share %d partner", "their networks share %d partners"))
	default:
		parts = append(parts, i18n.T("their networks share no partner (they are %d steps apart)", *p.Distance))
	}
	combination := i18n.T("%s and %s organisation", sectorAdj[a.Sector], sectorAdj[b.Sector])
	if a.Sector == b.Sector {
		combination = i18n.T("two %s organisations", sectorOf[a.Sector])
	}
	share := 100 * (1 - p.SectorCombinationRarity)
	if p.SectorCombinationRarity >= 0.7 {
		parts = append(parts, i18n.T("only %.0f %% of past collaborations joined %s", share, combination))
	} else {
		parts = append(parts, i18n.T("%.0f %% of past collaborations joined %s", share, combination))
	}
	if len(p.Translators) > 0 {
		t := p.Translators[0]
		var ties []any
		for _, side := range []model.BridgeSide{model.SideA, model.SideB} {
			for _, ev := range t.Evidence {
				if ev.Side == side {
					ties = append(ties, ev.Summary)
					break
				}
			}
		}
		parts = append(parts, i18n.T("%s knows both organisations (%s)", t.Person.Name, i18n.Join("; ", ties)))
	}
	return i18n.Sentence(parts...)
}

// explainBoldness says how far apart the partners were when it began.
func explainBoldness(g *network, partners []int, facts []PairBefore) i18n.Text {
	if len(facts) == 0 {
		return i18n.T("It has fewer than two partners, so it joined nobody.")
	}
	sectors := map[model.Sector]bool{}
	for _, u := range partners {
		sectors[g.orgs[u].Sector] = true
	}
	var words []i18n.Text
	for _, s := range model.AllSectors {
		if sectors[s] {
			words = append(words, sectorWords[s])
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
	first := i18n.T("It joined partners from the %s sectors", i18n.And(words))
	if len(words) == 1 {
		first = i18n.T("It joined partners from the %s sector", words[0])
	}
	parts := []i18n.Text{first}
	if total := len(facts); total == 1 {
		f := facts[0]
		switch {
		case f.Distance == 1:
			parts = append(parts, i18n.T("the two had worked together before"))
		case f.Distance == Unreachable:
			parts = append(parts, i18n.T("no chain of earlier collaborations joined the two"))
		default:
			parts = append(parts, i18n.T("the two were %d steps apart in the network of earlier collaborations", f.Distance))
		}
		if f.Distance != 1 && f.SharedPartners == 0 {
			parts = append(parts, i18n.T("they had no earlier partner in common"))
		} else if f.Distance != 1 {
			parts = append(parts, i18n.Plural(f.SharedPartners, "they had %d earlier partner in common", "they had %d earlier partners in common"))
		}
	} else {
		pairs := i18n.Plural(total, "%d partner pair", "%d partner pairs")
		if never > 0 {
			parts = append(parts, i18n.T("%d of %s had no chain of earlier collaborations between them", never, pairs))
		}
		if far > 0 {
			parts = append(parts, i18n.T("%d of %s were connected only through others", far, pairs))
		}
		if earlier > 0 {
			parts = append(parts, i18n.T("%d of %s had worked together before", earlier, pairs))
		}
		if noShared > 0 {
			parts = append(parts, i18n.T("%d of %s had no earlier partner in common", noShared, pairs))
		}
	}
	return i18n.Sentence(parts...)
}
