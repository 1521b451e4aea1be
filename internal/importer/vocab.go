package importer

import (
	"slices"
	"strings"

	"github.com/tulkki/tulkki/internal/model"
)

// vocabulary maps the words a spreadsheet may use for one closed set of
// values (the enum value itself, or its Finnish, Swedish or English name,
// in any case, with spaces, hyphens or underscores) to the enum value.
type vocabulary struct {
	values []string
	words  map[string]string
}

func vocab(names map[string][]string) vocabulary {
	v := vocabulary{words: map[string]string{}}
	for value, ws := range names {
		v.values = append(v.values, value)
		v.words[wordKey(value)] = value
		for _, w := range ws {
			v.words[wordKey(w)] = value
		}
	}
	slices.Sort(v.values)
	return v
}

func wordKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("_", " ", "-", " ", "  ", " ").Replace(s)
}

func (v vocabulary) lookup(s string) (string, bool) {
	x, ok := v.words[wordKey(s)]
	return x, ok
}

var (
	sectors = vocab(map[string][]string{
		string(model.SectorPublic):   {"julkinen", "julkinen sektori", "offentlig", "offentliga sektorn", "public sector"},
		string(model.SectorPrivate):  {"yksityinen", "yksityinen sektori", "yritys", "privat", "privata sektorn", "private sector", "business"},
		string(model.SectorThird):    {"kolmas sektori", "järjestö", "järjestöt", "tredje sektorn", "tredje sektor", "third sector", "ngo"},
		string(model.SectorAcademia): {"korkeakoulut ja tutkimus", "korkeakoulu", "tutkimus", "akatemia", "högskolor och forskning", "akademi", "forskning", "academia", "research"},
	})
	organisationKinds = vocab(map[string][]string{
		string(model.KindMunicipality):             {"kunta", "kaupunki", "kommun", "stad", "municipality", "city"},
		string(model.KindWellbeingServicesCounty):  {"hyvinvointialue", "välfärdsområde", "wellbeing services county"},
		string(model.KindHospitalDistrict):         {"sairaanhoitopiiri", "sjukvårdsdistrikt", "hospital district"},
		string(model.KindStateAgency):              {"valtion virasto", "virasto", "statlig myndighet", "myndighet", "state agency"},
		string(model.KindCompany):                  {"yritys", "osakeyhtiö", "företag", "bolag", "company"},
		string(model.KindCooperative):              {"osuuskunta", "andelslag", "kooperativ", "cooperative"},
		string(model.KindSocialEnterprise):         {"yhteiskunnallinen yritys", "sosiaalinen yritys", "socialt företag", "social enterprise"},
		string(model.KindAssociation):              {"yhdistys", "järjestö", "förening", "organisation", "association"},
		string(model.KindFoundation):               {"säätiö", "stiftelse", "foundation"},
		string(model.KindNetwork):                  {"verkosto", "nätverk", "network"},
		string(model.KindUniversity):               {"yliopisto", "universitet", "university"},
		string(model.KindUniversityAppliedScience): {"ammattikorkeakoulu", "amk", "yrkeshögskola", "university of applied sciences"},
		string(model.KindResearchInstitute):        {"tutkimuslaitos", "forskningsinstitut", "research institute"},
		string(model.KindOther):                    {"muu", "annan", "other"},
	})
	experienceKinds = vocab(map[string][]string{
		string(model.ExperienceEmployment):    {"työsuhde", "työ", "anställning", "employment", "job"},
		string(model.ExperienceVolunteer):     {"vapaaehtoistyö", "vapaaehtoinen", "frivilligarbete", "volontär", "volunteer"},
		string(model.ExperienceBoard):         {"hallituksen jäsen", "hallitus", "styrelsemedlem", "styrelse", "board member", "board"},
		string(model.ExperienceEducation):     {"opinnot", "koulutus", "studier", "utbildning", "education", "studies"},
		string(model.ExperienceSecondment):    {"komennus", "virkavapaa", "utstationering", "secondment"},
		string(model.ExperienceTrustPosition): {"luottamustehtävä", "förtroendeuppdrag", "position of trust", "trust position"},
	})
	visibilities = vocab(map[string][]string{
		string(model.VisibilityPublic):  {"julkinen", "offentlig", "public"},
		string(model.VisibilityMembers): {"jäsenet", "jäsenille", "medlemmar", "members"},
		string(model.VisibilityPrivate): {"yksityinen", "privat", "private"},
	})
	forms = vocab(map[string][]string{
		string(model.FormProject):               {"hanke", "projekti", "projekt", "project"},
		string(model.FormPartnershipAgreement):  {"kumppanuussopimus", "partnerskapsavtal", "partnership agreement"},
		string(model.FormFunctionalCooperation): {"toiminnallinen yhteistyö", "funktionellt samarbete", "functional cooperation"},
		string(model.FormGrantAgreement):        {"avustussopimus", "avustus", "bidragsavtal", "grant agreement", "grant"},
		string(model.FormFacilities):            {"tilat", "lokaler", "facilities"},
	})
	phases = vocab(map[string][]string{
		string(model.PhaseNeedIdentified): {"tarve tunnistettu", "behov identifierat", "need identified"},
		string(model.PhasePartnersMapped): {"kumppanit kartoitettu", "partner kartlagda", "partners mapped"},
		string(model.PhaseGoalsAgreed):    {"tavoitteista sovittu", "mål överenskomna", "goals agreed"},
		string(model.PhaseLaunched):       {"käynnistetty", "startat", "launched"},
		string(model.PhaseEvaluated):      {"arvioitu", "utvärderat", "evaluated"},
	})
	partnerRoles = vocab(map[string][]string{
		string(model.PartnerLead):             {"vetäjä", "päävastuullinen", "ledare", "huvudansvarig", "lead"},
		string(model.PartnerPartner):          {"kumppani", "partner"},
		string(model.PartnerFunder):           {"rahoittaja", "finansiär", "funder"},
		string(model.PartnerFacilityProvider): {"tilojen tarjoaja", "lokalupplåtare", "facility provider"},
	})
	contributorRoles = vocab(map[string][]string{
		string(model.ContributorLead):        {"vetäjä", "ledare", "lead"},
		string(model.ContributorCoordinator): {"koordinaattori", "samordnare", "koordinator", "coordinator"},
		string(model.ContributorExpert):      {"asiantuntija", "expert"},
		string(model.ContributorFacilitator): {"fasilitaattori", "facilitator"},
		string(model.ContributorVolunteer):   {"vapaaehtoinen", "frivillig", "volunteer"},
		string(model.ContributorMember):      {"jäsen", "medlem", "member"},
	})
	booleans = vocab(map[string][]string{
		"true":  {"1", "yes", "y", "x", "kyllä", "k", "joo", "ja", "sant"},
		"false": {"0", "no", "n", "ei", "nej", "falskt"},
	})
)
