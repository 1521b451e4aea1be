package importer

import (
	"path"
	"strings"
)

// Kind is one kind of import file.
type Kind string

// The kinds of file, in the order an import reads and writes them (each
// refers only to kinds before it).
const (
	KindTopics         Kind = "topics"
	KindOrganisations  Kind = "organisations"
	KindPeople         Kind = "people"
	KindExperiences    Kind = "experiences"
	KindCollaborations Kind = "collaborations"
	KindPartners       Kind = "partners"
	KindContributors   Kind = "contributors"
)

// Kinds lists the kinds in import order.
var Kinds = []Kind{KindTopics, KindOrganisations, KindPeople, KindExperiences, KindCollaborations, KindPartners, KindContributors}

// Columns is the column layout of each kind, in the order an export
// writes them; the required ones are marked in required.
var Columns = map[Kind][]string{
	KindTopics:        {"externalId", "source", "name", "nameFi", "nameSv", "description"},
	KindOrganisations: {"externalId", "source", "name", "kind", "sector", "region", "website", "description", "topics"},
	KindPeople: {"externalId", "source", "name", "headline", "region", "languages", "email", "phone",
		"visibility", "openToBridging", "contactable", "expertise"},
	KindExperiences: {"externalId", "source", "personExternalId", "personSource", "organisationExternalId", "organisationSource",
		"kind", "roleTitle", "startDate", "endDate"},
	KindCollaborations: {"externalId", "source", "title", "description", "form", "phase", "startDate", "endDate", "topics"},
	KindPartners:       {"source", "collaborationExternalId", "collaborationSource", "organisationExternalId", "organisationSource", "role"},
	KindContributors:   {"source", "collaborationExternalId", "collaborationSource", "personExternalId", "personSource", "role"},
}

var required = map[Kind][]string{
	KindTopics:         {"externalId", "name"},
	KindOrganisations:  {"externalId", "name", "kind", "sector"},
	KindPeople:         {"externalId", "name"},
	KindExperiences:    {"externalId", "personExternalId", "organisationExternalId", "kind", "startDate"},
	KindCollaborations: {"externalId", "title", "form", "phase"},
	KindPartners:       {"collaborationExternalId", "organisationExternalId", "role"},
	KindContributors:   {"collaborationExternalId", "personExternalId", "role"},
}

// fileNames are the names a file of each kind may start with (case does
// not matter): "organisations.csv", "Organisations-2026.csv", "stints.csv".
var fileNames = map[Kind][]string{
	KindTopics:         {"topics", "aiheet", "teman"},
	KindOrganisations:  {"organisations", "organizations", "organisaatiot", "organisationer"},
	KindPeople:         {"people", "persons", "henkilöt", "personer"},
	KindExperiences:    {"experiences", "stints", "kokemukset", "erfarenheter"},
	KindCollaborations: {"collaborations", "yhteistyöt", "samarbeten"},
	KindPartners:       {"partners", "kumppanit", "partner"},
	KindContributors:   {"contributors", "osallistujat", "medverkande"},
}

// KindOfFile is the kind a file's name says, or "".
func KindOfFile(name string) Kind {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	var best Kind
	bestLen := 0
	for k, prefixes := range fileNames {
		for _, p := range prefixes {
			if strings.HasPrefix(base, p) && len(p) > bestLen {
				best, bestLen = k, len(p)
			}
		}
	}
	return best
}

// listSep separates the items of a list cell (topics, languages).
const listSep = "|"

// TulkkiSource is the source of records entered in Tulkki itself: their
// externalId is their Tulkki id.
const TulkkiSource = "tulkki"

// DefaultSource is the source of imported rows that name none.
const DefaultSource = "import"
