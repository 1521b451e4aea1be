package pairing

import (
	"testing"

	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
)

func TestExplainPairing(t *testing.T) {
	a := model.NetworkOrganisation{Name: "Kaarnalan kaupunki", Sector: model.SectorPublic}
	b := model.NetworkOrganisation{Name: "Seniorikaveri ry", Sector: model.SectorThird}
	translator := &model.TranslatorMatch{Person: &model.Person{Name: "Maija Korhonen"}, Evidence: []*model.Evidence{
		{Side: model.SideB, Summary: i18n.T("%s at %s, %s", i18n.T("volunteer"), "Seniorikaveri ry", i18n.T("since %d", 2019))},
		{Side: model.SideA, Summary: i18n.T("%s at %s, %s", "Social worker", "Kaarnalan kaupunki", "2010–2018")},
		{Side: model.SideA, Summary: i18n.T("a weaker tie")},
	}}
	topics := []*model.Topic{{Name: "elderly loneliness"}, {Name: "volunteering"}}
	three := 3
	for _, tc := range []struct {
		name string
		p    model.UnusualPairing
		want string
	}{
		{"unreachable, rare sectors", model.UnusualPairing{SharedTopics: topics[:1], SectorCombinationRarity: 0.88,
			Translators: []*model.TranslatorMatch{translator}},
			"Kaarnalan kaupunki (public sector) and Seniorikaveri ry (third sector) both work on elderly loneliness; " +
				"they have never worked together; no chain of collaborations joins their networks; " +
				"only 12 % of past collaborations joined a public-sector and a third-sector organisation; " +
				"Maija Korhonen knows both organisations (Social worker at Kaarnalan kaupunki, 2010–2018; volunteer at Seniorikaveri ry, since 2019)."},
		{"three steps, common sectors", model.UnusualPairing{SharedTopics: topics, Distance: &three, SectorCombinationRarity: 0.4,
			Translators: []*model.TranslatorMatch{translator}},
			"Kaarnalan kaupunki (public sector) and Seniorikaveri ry (third sector) both work on elderly loneliness and volunteering; " +
				"they have never worked together; their networks share no partner (they are 3 steps apart); " +
				"60 % of past collaborations joined a public-sector and a third-sector organisation; " +
				"Maija Korhonen knows both organisations (Social worker at Kaarnalan kaupunki, 2010–2018; volunteer at Seniorikaveri ry, since 2019)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := explainPairing(a, b, &tc.p).String(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
	// Same sector (includeSameSector), two partners in common.
	c := model.NetworkOrganisation{Name: "Vaaralan kaupunki", Sector: model.SectorPublic}
	two := 2
	p := model.UnusualPairing{SharedTopics: topics[1:], Distance: &two, SharedPartners: 2, SectorCombinationRarity: 0.95}
	want := "Kaarnalan kaupunki (public sector) and Vaaralan kaupunki (public sector) both work on volunteering; " +
		"they have never worked together; their networks share 2 partners; only 5 % of past collaborations joined two public-sector organisations."
	if got := explainPairing(a, c, &p).String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
