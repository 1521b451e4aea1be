package i18n

// entries are the translations: the English key (a fmt format, as the code
// writes it), then Finnish and Swedish. A translation keeps the key's
// arguments; it may reorder them with explicit indexes (%[2]s). A key with
// no entry is shown in English in every language (TestCatalogue checks
// the arguments of each entry).
var entries = [][3]string{
	// Shared words.
	{"and", "ja", "och"},
	{"or", "tai", "eller"},

	// Failures that are not the caller's (graph/errors.go).
	{"the database is unavailable; try again shortly", "tietokanta ei ole käytettävissä; yritä hetken kuluttua uudelleen", "databasen är inte tillgänglig; försök igen om en stund"},
	{"the service is busy; try again shortly", "palvelu on ruuhkautunut; yritä hetken kuluttua uudelleen", "tjänsten är överbelastad; försök igen om en stund"},
	{"the request ran out of time", "pyynnön käsittelyn aika loppui", "begäran tog för lång tid"},

	// Not found (errs.NotFound) and the kinds of things.
	{"%s %q not found", "%s %q ei ole olemassa", "%s %q finns inte"},
	{"call response", "hakuun vastaus", "svaret på utlysningen"},
	{"collaboration", "yhteistyö", "samarbetet"},
	{"experience", "kokemusjakso", "perioden"},
	{"introduction", "esittelypyyntö", "introduktionen"},
	{"organisation or person", "organisaatio tai henkilö", "organisationen eller personen"},
	{"organisation", "organisaatio", "organisationen"},
	{"partnership call", "kumppanuushaku", "partnerskapsutlysningen"},
	{"person", "henkilö", "personen"},
	{"sector", "sektori", "sektorn"},
	{"topic", "aihe", "ämnet"},
	{"workshop", "työpaja", "workshoppen"},
	{"Tulkki holds no profile for you", "Tulkissa ei ole sinusta profiilia", "Tulkki har ingen profil för dig"},

	// Bad input (internal/validate and the domain).
	{"%s must not be empty", "%s ei saa olla tyhjä", "%s får inte vara tom"},
	{"%s is %d characters long; the limit is %d", "%s on %d merkkiä pitkä; enimmäispituus on %d", "%s är %d tecken lång; gränsen är %d"},
	{"%s contains control characters", "%s sisältää ohjausmerkkejä", "%s innehåller styrtecken"},
	{"%q is not an ISO 639 language code such as fi, sv or en", "%q ei ole ISO 639 -kielikoodi, kuten fi, sv tai en", "%q är inte en språkkod enligt ISO 639, t.ex. fi, sv eller en"},
	{"at most 20 languages", "enintään 20 kieltä", "högst 20 språk"},
	{"%q is not an http or https address", "%q ei ole http- tai https-osoite", "%q är inte en http- eller https-adress"},
	{"%s is not a valid e-mail address", "%s ei ole kelvollinen sähköpostiosoite", "%s är inte en giltig e-postadress"},
	{"%s must be a phone number such as +358 40 123 4567", "%s on annettava puhelinnumerona, esim. +358 40 123 4567", "%s måste vara ett telefonnummer, t.ex. +358 40 123 4567"},
	{"%s %s is outside the years 1900–2100", "%s %s ei ole vuosien 1900–2100 välillä", "%s %s ligger utanför åren 1900–2100"},
	{"endDate %s is before startDate %s", "loppupäivä (endDate) %s on ennen alkupäivää (startDate) %s", "slutdatumet (endDate) %s är före startdatumet (startDate) %s"},
	{"first must be between 1 and %d, got %d", "first-arvon on oltava 1–%d, annettiin %d", "first måste vara mellan 1 och %d, fick %d"},
	{"%s must be between %d and %d, got %d", "%s on oltava %d–%d, annettiin %d", "%s måste vara mellan %d och %d, fick %d"},
	{"the cursor %q is malformed; pass a cursor from an earlier page", "kursori %q on virheellinen; anna kursori aiemmalta sivulta", "markören %q är felaktig; ange en markör från en tidigare sida"},
	{"a topic named %q already exists (id %s)", "aihe nimeltä %q on jo olemassa (tunniste %s)", "ett ämne med namnet %q finns redan (id %s)"},
	{"an organisation named %q already exists (id %s)", "organisaatio nimeltä %q on jo olemassa (tunniste %s)", "en organisation med namnet %q finns redan (id %s)"},
	{"a person with id %q exists already", "henkilö tunnisteella %q on jo olemassa", "en person med id %q finns redan"},
	{"the change clashes with existing data: a unique value (an id or a name) is taken", "muutos on ristiriidassa nykyisten tietojen kanssa: yksilöllinen arvo (tunniste tai nimi) on jo käytössä", "ändringen strider mot befintliga uppgifter: ett unikt värde (ett id eller ett namn) är redan upptaget"},

	// Refusals (auth.Deny).
	{"sign in first: %s", "kirjaudu ensin sisään: %s", "logga in först: %s"},
	{"an inbox is its owner's", "saapuneet-kansio on vain omistajansa", "inkorgen är bara ägarens"},
	{"it is the other organisation's editors' turn to answer this introduction", "tähän esittelyyn vastaavat nyt toisen organisaation muokkaajat", "nu är det den andra organisationens redaktörer som ska svara på introduktionen"},
	{"you have answered this introduction already; it is waiting for the other organisation's editors", "olet jo vastannut tähän esittelyyn; se odottaa toisen organisaation muokkaajien vastausta", "du har redan svarat på introduktionen; den väntar på den andra organisationens redaktörer"},
	{"it is the translator's turn to answer this introduction", "tähän esittelyyn vastaa nyt tulkki", "nu är det tolken som ska svara på introduktionen"},
	{"only a professional (for themselves) or an administrator may create a person", "henkilön voi luoda vain ammattilainen (itselleen) tai ylläpitäjä", "bara en yrkesperson (för sig själv) eller en administratör får skapa en person"},
	{"only administrators and editors of one of the partner organisations may create a collaboration", "yhteistyön voivat luoda vain ylläpitäjät ja jonkin kumppaniorganisaation muokkaajat", "bara administratörer och redaktörer för någon av partnerorganisationerna får skapa ett samarbete"},
	{"only administrators can erase someone else's data", "vain ylläpitäjät voivat poistaa toisen henkilön tiedot", "bara administratörer kan radera någon annans uppgifter"},
	{"only administrators may add organisations", "vain ylläpitäjät voivat lisätä organisaatioita", "bara administratörer får lägga till organisationer"},
	{"only coordinators and administrators see the ecosystem's aggregates", "ekosysteemin koosteet näkevät vain koordinaattorit ja ylläpitäjät", "bara koordinatorer och administratörer ser ekosystemets sammanställningar"},
	{"only editors of the organisation and administrators may publish its partnership calls", "organisaation kumppanuushakuja voivat julkaista vain sen muokkaajat ja ylläpitäjät", "bara organisationens redaktörer och administratörer får publicera dess partnerskapsutlysningar"},
	{"only editors of the publishing organisation and administrators may accept or decline a response", "vastauksen voivat hyväksyä tai hylätä vain julkaisevan organisaation muokkaajat ja ylläpitäjät", "bara redaktörer för den publicerande organisationen och administratörer får godkänna eller avböja ett svar"},
	{"only editors of the publishing organisation and administrators may change a partnership call", "kumppanuushakua voivat muuttaa vain julkaisevan organisaation muokkaajat ja ylläpitäjät", "bara redaktörer för den publicerande organisationen och administratörer får ändra en partnerskapsutlysning"},
	{"only editors of the publishing organisation and administrators may start a collaboration from a call", "yhteistyön haun pohjalta voivat aloittaa vain julkaisevan organisaation muokkaajat ja ylläpitäjät", "bara redaktörer för den publicerande organisationen och administratörer får starta ett samarbete utifrån en utlysning"},
	{"only editors of the requesting organisation, facilitators and administrators may ask for an introduction", "esittelyä voivat pyytää vain pyytävän organisaation muokkaajat, fasilitaattorit ja ylläpitäjät", "bara redaktörer för den frågande organisationen, facilitatorer och administratörer får be om en introduktion"},
	{"only editors of the responding organisation and administrators may answer a call for it", "organisaation puolesta hakuun voivat vastata vain sen muokkaajat ja ylläpitäjät", "bara den svarande organisationens redaktörer och administratörer får svara på en utlysning för den"},
	{"only editors of the two organisations and administrators may start a collaboration from an introduction", "yhteistyön esittelyn pohjalta voivat aloittaa vain kummankin organisaation muokkaajat ja ylläpitäjät", "bara redaktörer för de två organisationerna och administratörer får starta ett samarbete utifrån en introduktion"},
	{"only editors of this organisation and administrators may change it", "organisaatiota voivat muuttaa vain sen muokkaajat ja ylläpitäjät", "bara organisationens redaktörer och administratörer får ändra den"},
	{"only facilitators and administrators may plan or edit workshops", "työpajoja voivat suunnitella ja muokata vain fasilitaattorit ja ylläpitäjät", "bara facilitatorer och administratörer får planera eller redigera workshoppar"},
	{"only facilitators, administrators and the workshop's participants may read a workshop", "työpajan voivat nähdä vain fasilitaattorit, ylläpitäjät ja työpajan osallistujat", "bara facilitatorer, administratörer och workshoppens deltagare får läsa en workshop"},
	{"only organisation editors, facilitators and administrators may add topics", "aiheita voivat lisätä vain organisaatioiden muokkaajat, fasilitaattorit ja ylläpitäjät", "bara organisationsredaktörer, facilitatorer och administratörer får lägga till ämnen"},
	{"only the organisation's editors and administrators may record its evaluation", "organisaation arvion voivat kirjata vain sen muokkaajat ja ylläpitäjät", "bara organisationens redaktörer och administratörer får föra in dess utvärdering"},
	{"only the person themselves or an administrator may change a profile", "profiilia voivat muuttaa vain henkilö itse ja ylläpitäjä", "bara personen själv eller en administratör får ändra en profil"},
	{"only the person themselves or an administrator may change their experiences", "kokemusjaksoja voivat muuttaa vain henkilö itse ja ylläpitäjä", "bara personen själv eller en administratör får ändra personens perioder"},
	{"only the person themselves or an administrator may log their experiences", "kokemusjaksoja voivat kirjata vain henkilö itse ja ylläpitäjä", "bara personen själv eller en administratör får föra in personens perioder"},
	{"only the requester may withdraw a request for an introduction", "esittelypyynnön voi perua vain sen tekijä", "bara den som frågade får återta en begäran om introduktion"},
	{"sign in to read your inbox", "kirjaudu sisään nähdäksesi saapuneet", "logga in för att läsa din inkorg"},
	{"only the invited person may answer an invitation", "kutsuun voi vastata vain kutsuttu itse", "bara den inbjudna själv får svara på en inbjudan"},
	{"only the collaboration's LEAD, editors of a partner organisation, coordinators and administrators may hand over the lead",
		"vetovastuun voivat siirtää vain yhteistyön vetäjä (LEAD), kumppaniorganisaation muokkaajat, koordinaattorit ja ylläpitäjät",
		"bara samarbetets ledare (LEAD), redaktörer för en partnerorganisation, koordinatorer och administratörer får lämna över ledningen"},

	// Invitations to contribute and the LEAD handover (internal/store/invitations.go).
	{"you have no invitation to collaboration %q", "sinulla ei ole kutsua yhteistyöhön %q", "du har ingen inbjudan till samarbetet %q"},
	{"person %q is invited to collaboration %q already and has not answered yet",
		"henkilö %q on jo kutsuttu yhteistyöhön %q eikä ole vielä vastannut", "personen %q är redan inbjuden till samarbetet %q och har inte svarat än"},
	{"person %q already contributes to collaboration %q", "henkilö %q on jo mukana yhteistyössä %q", "personen %q medverkar redan i samarbetet %q"},
	{"person %q does not contribute to collaboration %q; add them (they accept) before handing them the lead",
		"henkilö %q ei ole mukana yhteistyössä %q; lisää hänet (hän hyväksyy kutsun) ennen kuin siirrät vetovastuun hänelle",
		"personen %q medverkar inte i samarbetet %q; lägg till personen (som tackar ja) innan du lämnar över ledningen"},
	{"the previous LEAD needs another role: there is one LEAD", "edelliselle vetäjälle tarvitaan toinen rooli: vetäjiä on yksi",
		"den tidigare ledaren behöver en annan roll: det finns en enda LEAD"},

	// Evidence summaries (internal/bridge).
	{"%s at %s, %s", "%s, %s, %s", "%s vid %s, %s"},
	{"employment", "työsuhde", "anställning"},
	{"volunteer", "vapaaehtoinen", "frivillig"},
	{"board", "hallituksen jäsen", "styrelsemedlem"},
	{"education", "opinnot", "studier"},
	{"secondment", "komennus", "utlåning"},
	{"trust position", "luottamustehtävä", "förtroendeuppdrag"},
	{"since %d", "vuodesta %d", "sedan %d"},
	{"in %d", "vuonna %d", "år %d"},
	{"%s in %q, a collaboration %s is a partner in", "%s yhteistyössä %q, jossa %s on kumppanina", "%s i %q, ett samarbete där %s är partner"},
	{"lead", "vetäjä", "ledare"},
	{"coordinator", "koordinaattori", "koordinator"},
	{"expert", "asiantuntija", "expert"},
	{"facilitator", "fasilitaattori", "facilitator"},
	{"member", "jäsen", "medlem"},
	{"worked alongside %s at %s (%s), who is now at %s", "työskenteli samassa paikassa (%[2]s, %[3]s) kuin %[1]s, joka on nyt organisaatiossa %[4]s", "arbetade tillsammans med %s vid %s (%s), som nu är vid %s"},
	{"%.0f years in the public sector, e.g. at %s", "%.0f vuotta julkisella sektorilla, esim. %s", "%.0f år inom offentlig sektor, t.ex. vid %s"},
	{"%.0f years in the private sector, e.g. at %s", "%.0f vuotta yksityisellä sektorilla, esim. %s", "%.0f år inom privat sektor, t.ex. vid %s"},
	{"%.0f years in the third sector, e.g. at %s", "%.0f vuotta kolmannella sektorilla, esim. %s", "%.0f år inom tredje sektorn, t.ex. vid %s"},
	{"%.0f years in the academic sector, e.g. at %s", "%.0f vuotta korkeakouluissa ja tutkimuksessa, esim. %s", "%.0f år inom högskolor och forskning, t.ex. vid %s"},

	// Sectors in explanations (internal/pairing).
	{"public sector", "julkinen sektori", "offentlig sektor"},
	{"private sector", "yksityinen sektori", "privat sektor"},
	{"third sector", "kolmas sektori", "tredje sektorn"},
	{"academic sector", "korkeakoulut ja tutkimus", "högskolor och forskning"},
	{"a public-sector", "julkisen sektorin", "offentlig sektor"},
	{"a private-sector", "yksityisen sektorin", "privat sektor"},
	{"a third-sector", "kolmannen sektorin", "tredje sektorn"},
	{"an academic-sector", "korkeakoulu- ja tutkimussektorin", "högskolor och forskning"},
	{"public-sector", "julkisen sektorin", "offentlig sektor"},
	{"private-sector", "yksityisen sektorin", "privat sektor"},
	{"third-sector", "kolmannen sektorin", "tredje sektorn"},
	{"academic-sector", "korkeakoulu- ja tutkimussektorin", "högskolor och forskning"},
	{"public", "julkinen sektori", "offentlig sektor"},
	{"private", "yksityinen sektori", "privat sektor"},
	{"third", "kolmas sektori", "tredje sektorn"},
	{"academic", "korkeakoulut ja tutkimus", "högskolor och forskning"},

	// Unusual pairings (internal/pairing).
	{"%s (%s) and %s (%s) both work on %s", "%s (%s) ja %s (%s) ovat kumpikin kiinnostuneita aiheista: %s", "%s (%s) och %s (%s) arbetar båda med %s"},
	{"they have never worked together", "ne eivät ole koskaan tehneet yhteistyötä", "de har aldrig samarbetat"},
	{"no chain of collaborations joins their networks", "mikään yhteistöiden ketju ei yhdistä niiden verkostoja", "ingen kedja av samarbeten förenar deras nätverk"},
	{"their networks share %d partner", "niiden verkostoilla on %d yhteinen kumppani", "deras nätverk har %d gemensam partner"},
	{"their networks share %d partners", "niiden verkostoilla on %d yhteistä kumppania", "deras nätverk har %d gemensamma partner"},
	{"their networks share no partner (they are %d steps apart)", "niiden verkostoilla ei ole yhteisiä kumppaneita (ne ovat %d askeleen päässä toisistaan)", "deras nätverk har ingen gemensam partner (de ligger %d steg från varandra)"},
	{"%s and %s organisation", "%s ja %s organisaation", "en organisation inom %s och en inom %s"},
	{"two %s organisations", "kaksi %s organisaatiota", "två organisationer inom %s"},
	{"only %.0f %% of past collaborations joined %s", "vain %.0f %% aiemmista yhteistöistä yhdisti %s", "bara %.0f %% av tidigare samarbeten förenade %s"},
	{"%.0f %% of past collaborations joined %s", "%.0f %% aiemmista yhteistöistä yhdisti %s", "%.0f %% av tidigare samarbeten förenade %s"},
	{"%s knows both organisations (%s)", "%s tuntee molemmat organisaatiot (%s)", "%s känner båda organisationerna (%s)"},

	// Boldness (internal/pairing).
	{"It has fewer than two partners, so it joined nobody.", "Sillä on alle kaksi kumppania, joten se ei yhdistänyt ketään.", "Det har färre än två partner, så det förenade ingen."},
	{"It joined partners from the %s sectors", "Se yhdisti kumppaneita näiltä sektoreilta: %s", "Det förenade partner från sektorerna %s"},
	{"It joined partners from the %s sector", "Sen kumppanit olivat samalta sektorilta: %s", "Det förenade partner från samma sektor: %s"},
	{"the two had worked together before", "ne olivat tehneet yhteistyötä aiemmin", "de två hade samarbetat tidigare"},
	{"no chain of earlier collaborations joined the two", "mikään aiempien yhteistöiden ketju ei yhdistänyt niitä", "ingen kedja av tidigare samarbeten förenade de två"},
	{"the two were %d steps apart in the network of earlier collaborations", "ne olivat %d askeleen päässä toisistaan aiempien yhteistöiden verkostossa", "de två låg %d steg från varandra i nätverket av tidigare samarbeten"},
	{"they had no earlier partner in common", "niillä ei ollut yhteisiä aiempia kumppaneita", "de hade ingen gemensam tidigare partner"},
	{"they had %d earlier partner in common", "niillä oli %d yhteinen aiempi kumppani", "de hade %d gemensam tidigare partner"},
	{"they had %d earlier partners in common", "niillä oli %d yhteistä aiempaa kumppania", "de hade %d gemensamma tidigare partner"},
	{"%d partner pair", "%d kumppanipari", "%d partnerpar"},
	{"%d partner pairs", "%d kumppaniparia", "%d partnerpar"},
	{"%d of %s had no chain of earlier collaborations between them", "%[2]s, joista %[1]d ilman aiempien yhteistöiden ketjua välillään", "%d av %s hade ingen kedja av tidigare samarbeten mellan sig"},
	{"%d of %s were connected only through others", "%[2]s, joista %[1]d yhteydessä vain muiden kautta", "%d av %s var förbundna endast genom andra"},
	{"%d of %s had worked together before", "%[2]s, joista %[1]d oli tehnyt yhteistyötä aiemmin", "%d av %s hade samarbetat tidigare"},
	{"%d of %s had no earlier partner in common", "%[2]s, joista %[1]d ilman yhteistä aiempaa kumppania", "%d av %s hade ingen gemensam tidigare partner"},

	// Partners suggested for a partnership call (internal/pairing).
	{"%s (%s) works on %s", "%s (%s) on kiinnostunut aiheista: %s", "%s (%s) arbetar med %s"},
	{"it brings the %s to %s", "se tuo organisaatiolle %[2]s uuden sektorin: %[1]s", "den tillför %[2]s en ny sektor: %[1]s"},
	{"it is in the same sector as %s", "se on samalla sektorilla kuin %s", "den hör till samma sektor som %s"},
	{"it is outside the call's region", "se on haun alueen ulkopuolella", "den finns utanför utlysningens region"},
	{"no chain of collaborations joins it to the publisher yet", "mikään yhteistöiden ketju ei vielä yhdistä sitä haun julkaisijaan", "ingen kedja av samarbeten förenar den ännu med utlysaren"},
	{"it has worked with the publisher before, on other topics", "se on tehnyt yhteistyötä julkaisijan kanssa aiemmin, muissa aiheissa", "den har samarbetat med utlysaren tidigare, kring andra ämnen"},
	{"it is %d steps from the publisher in the collaboration network", "se on %d askeleen päässä julkaisijasta yhteistyöverkostossa", "den ligger %d steg från utlysaren i samarbetsnätverket"},
	{"%s knows both and could introduce them", "%s tuntee molemmat ja voisi esitellä ne toisilleen", "%s känner båda och kunde introducera dem för varandra"},
	{"nobody in Tulkki knows both yet, so it would be a cold contact", "kukaan Tulkissa ei vielä tunne molempia, joten yhteydenotto olisi kylmä", "ingen i Tulkki känner ännu båda, så det skulle bli en kall kontakt"},

	// Next steps of a collaboration (internal/collaboration).
	{"No %s organisation is a partner yet (the partners are in %s).", "Yksikään kumppani ei ole vielä sektorilta %s (kumppanit ovat sektoreilta %s).", "Ingen partner kommer ännu från sektorn %s (partnerna finns inom %s)."},
	{"The collaboration has no topics, so no organisation can be matched by interest; add topics to get candidates.", "Yhteistyöllä ei ole aiheita, joten organisaatioita ei voi etsiä kiinnostuksen perusteella; lisää aiheita saadaksesi ehdokkaita.", "Samarbetet har inga ämnen, så inga organisationer kan matchas efter intresse; lägg till ämnen för att få kandidater."},
	{"No %s organisation that is not a partner is interested in the collaboration's topics.", "Yksikään sektorin %s organisaatio, joka ei jo ole kumppani, ei ole kiinnostunut yhteistyön aiheista.", "Ingen organisation inom sektorn %s som inte redan är partner är intresserad av samarbetets ämnen."},
	{"%d %s organisation interested in the collaboration's topics (%s) could join.", "%d sektorin %s organisaatio, jota yhteistyön aiheet (%s) kiinnostavat, voisi liittyä mukaan.", "%d organisation inom sektorn %s som är intresserad av samarbetets ämnen (%s) kunde ansluta sig."},
	{"%d %s organisations interested in the collaboration's topics (%s) could join.", "%d sektorin %s organisaatiota, joita yhteistyön aiheet (%s) kiinnostavat, voisivat liittyä mukaan.", "%d organisationer inom sektorn %s som är intresserade av samarbetets ämnen (%s) kunde ansluta sig."},
	{"No translator found: nobody open to bridging whom you may see (within the filter) has experience in both %s and a partner's sector.", "Tulkkia ei löytynyt: kenelläkään siltaamiseen avoimella, jonka saat nähdä (rajauksen puitteissa), ei ole kokemusta sekä sektorilta %s että jonkin kumppanin sektorilta.", "Ingen tolk hittades: ingen som är öppen för att bygga broar och som du får se (inom filtret) har erfarenhet av både %s och en partners sektor."},
	{"%d person open to bridging could introduce them: they know both %s and %s.", "%d siltaamiseen avoin henkilö voisi esitellä ne toisilleen: hän tuntee sekä sektorin %s että sektorin %s.", "%d person som är öppen för att bygga broar kunde introducera dem: hen känner både %s och %s."},
	{"%d people open to bridging could introduce them: they know both %s and %s.", "%d siltaamiseen avointa henkilöä voisi esitellä ne toisilleen: he tuntevat sekä sektorin %s että sektorin %s.", "%d personer som är öppna för att bygga broar kunde introducera dem: de känner både %s och %s."},
	{"no sector", "ei yhtään sektoria", "ingen sektor"},

	// Workflow conflicts and checks of calls, introductions, evaluations
	// and workshops.
	{"a call can be open for at most two years", "haku voi olla avoinna enintään kaksi vuotta", "en utlysning kan vara öppen i högst två år"},
	{"a call needs at least one topic, so that partners can find it", "haulla on oltava vähintään yksi aihe, jotta kumppanit löytävät sen", "en utlysning behöver minst ett ämne, så att partner kan hitta den"},
	{"closesAt must be in the future, got %s", "closesAt-päivän on oltava tulevaisuudessa, annettiin %s", "closesAt måste ligga i framtiden, angavs %s"},
	{"an organisation cannot answer its own call", "organisaatio ei voi vastata omaan hakuunsa", "en organisation kan inte svara på sin egen utlysning"},
	{"organisation %q has responded to this call already", "organisaatio %q on jo vastannut tähän hakuun", "organisationen %q har redan svarat på utlysningen"},
	{"the partnership call is %s; it cannot become %s", "kumppanuushaun tila on %s; siitä ei voi tulla %s", "partnerskapsutlysningen är %s; den kan inte bli %s"},
	{"the partnership call is %s; only DRAFT and OPEN calls can be edited", "kumppanuushaun tila on %s; vain DRAFT- ja OPEN-hakuja voi muokata", "partnerskapsutlysningen är %s; bara utlysningar som är DRAFT eller OPEN kan redigeras"},
	{"the partnership call is %s; only an OPEN call can be answered", "kumppanuushaun tila on %s; vain OPEN-hakuun voi vastata", "partnerskapsutlysningen är %s; bara en OPEN utlysning kan besvaras"},
	{"the call's closing date has passed; set a later closesAt before publishing", "haun päättymispäivä on mennyt; aseta myöhempi closesAt ennen julkaisemista", "utlysningens sista dag har passerat; ange ett senare closesAt innan du publicerar"},
	{"the call is a draft; publish it and accept a response first", "haku on luonnos; julkaise se ja hyväksy ensin jokin vastaus", "utlysningen är ett utkast; publicera den och godkänn först ett svar"},
	{"the response is %s already", "vastauksen tila on jo %s", "svaret är redan %s"},
	{"accept a response to the call first: a collaboration from a call needs a partner who answered it", "hyväksy ensin jokin hakuun tullut vastaus: haun pohjalta alkavaan yhteistyöhön tarvitaan kumppani, joka vastasi siihen", "godkänn först ett svar på utlysningen: ett samarbete från en utlysning behöver en partner som svarade på den"},
	{"a collaboration has been started from it already", "siitä on jo aloitettu yhteistyö", "ett samarbete har redan startats utifrån den"},
	{"give exactly one of fromCallId and fromIntroductionId", "anna täsmälleen toinen: fromCallId tai fromIntroductionId", "ange exakt ett av fromCallId och fromIntroductionId"},
	{"an organisation cannot be introduced to itself", "organisaatiota ei voi esitellä itselleen", "en organisation kan inte introduceras för sig själv"},
	{"an introduction between these organisations through this translator is already waiting for an answer", "näiden organisaatioiden esittelypyyntö tämän tulkin kautta odottaa jo vastausta", "en introduktion mellan de här organisationerna via den här tolken väntar redan på svar"},
	{"the translator is busy: %d requests wait for their answer; ask again when they have answered some", "tulkilla on kiireitä: %d pyyntöä odottaa vastausta; kysy uudelleen, kun hän on vastannut osaan niistä", "tolken är upptagen: %d förfrågningar väntar på svar; fråga igen när hen har besvarat några"},
	{"this introduction was declined recently; it cannot be asked again for %d days after the decline", "tämä esittelypyyntö hylättiin äskettäin; sitä ei voi esittää uudelleen %d päivään hylkäämisestä", "den här introduktionen avböjdes nyligen; den kan inte begäras igen förrän %d dagar efter att den avböjdes"},
	{"this person cannot be asked for an introduction", "tältä henkilöltä ei voi pyytää esittelyä", "den här personen kan inte tillfrågas om en introduktion"},
	{"the introduction is %s; it can no longer be answered", "esittelypyynnön tila on %s; siihen ei voi enää vastata", "introduktionen är %s; den kan inte längre besvaras"},
	{"the introduction is %s; it cannot become %s", "esittelypyynnön tila on %s; siitä ei voi tulla %s", "introduktionen är %s; den kan inte bli %s"},
	{"the introduction is %s; only an open request can be withdrawn", "esittelypyynnön tila on %s; vain avoimen pyynnön voi perua", "introduktionen är %s; bara en öppen förfrågan kan dras tillbaka"},
	{"the introduction is %s; a collaboration starts from a CONNECTED one", "esittelypyynnön tila on %s; yhteistyö aloitetaan CONNECTED-tilaisesta esittelystä", "introduktionen är %s; ett samarbete startas från en som är CONNECTED"},
	{"the collaboration is in phase %s; partners evaluate it once it is LAUNCHED", "yhteistyö on vaiheessa %s; kumppanit arvioivat sen, kun se on LAUNCHED-vaiheessa", "samarbetet är i fasen %s; partnerna utvärderar det när det är LAUNCHED"},
	{"organisation %q is not a partner in this collaboration", "organisaatio %q ei ole tämän yhteistyön kumppani", "organisationen %q är inte partner i det här samarbetet"},
	{"a note needs some text", "muistiinpanossa on oltava tekstiä", "en anteckning behöver text"},
	{"person %q already has a seat at this workshop", "henkilöllä %q on jo paikka tässä työpajassa", "personen %q har redan en plats i den här workshoppen"},
	{"person %q is not a participant of this workshop", "henkilö %q ei osallistu tähän työpajaan", "personen %q deltar inte i den här workshoppen"},
	{"workshop %q was changed by someone else meanwhile; load it and try again", "joku muu muutti työpajaa %q sillä välin; lataa se uudelleen ja yritä uudestaan", "workshoppen %q ändrades av någon annan under tiden; läs in den på nytt och försök igen"},
	{"erasing your data cannot be undone; pass confirm: true to go ahead", "tietojesi poistamista ei voi perua; jatka antamalla confirm: true", "det går inte att ångra att dina uppgifter raderas; ange confirm: true för att fortsätta"},
	{"erasing a person's data cannot be undone; pass confirm: true to go ahead", "henkilön tietojen poistamista ei voi perua; jatka antamalla confirm: true", "det går inte att ångra att en persons uppgifter raderas; ange confirm: true för att fortsätta"},
	{"only coordinators and administrators may import data", "vain koordinaattorit ja ylläpitäjät voivat tuoda tietoja", "bara koordinatorer och administratörer får importera uppgifter"},
	{"only coordinators and administrators may export data", "vain koordinaattorit ja ylläpitäjät voivat viedä tietoja", "bara koordinatorer och administratörer får exportera uppgifter"},
}

// catalogue maps a language to its translations by key; English is the
// keys themselves.
var catalogue = func() map[Lang]map[string]string {
	c := map[Lang]map[string]string{FI: {}, SV: {}}
	for _, e := range entries {
		c[FI][e[0]] = e[1]
		c[SV][e[0]] = e[2]
	}
	return c
}()
