package synth

import "github.com/tulkki/tulkki/internal/model"

// The word lists below are the raw material of generated names. They are
// plain slices (never maps) so that picking from them is deterministic.

// ---- regions ----

// national is the region of organisations that work nationwide, as in the
// demo data.
const national = "Koko Suomi"

// regions are Finland's regions (maakunnat) weighted roughly by population
// (per mille), so that Uusimaa gets about a third of everything.
var regions = []struct {
	name   string
	weight float64
}{
	{"Uusimaa", 310}, {"Pirkanmaa", 95}, {"Varsinais-Suomi", 87}, {"Pohjois-Pohjanmaa", 75},
	{"Keski-Suomi", 49}, {"Pohjois-Savo", 45}, {"Satakunta", 38}, {"Päijät-Häme", 37},
	{"Etelä-Pohjanmaa", 34}, {"Lappi", 33}, {"Pohjanmaa", 32}, {"Kanta-Häme", 31},
	{"Kymenlaakso", 31}, {"Pohjois-Karjala", 30}, {"Etelä-Savo", 26}, {"Etelä-Karjala", 23},
	{"Kainuu", 13}, {"Keski-Pohjanmaa", 12}, {"Ahvenanmaa", 5},
}

// ---- places ----

// placeStems compound with placeEnds into invented place names
// ("Koivu" + "järvi" = "Koivujärvi").
var placeStems = []string{
	"Koivu", "Kuusi", "Mänty", "Paju", "Haapa", "Tammi", "Vaahtera", "Pihlaja", "Kataja", "Leppä",
	"Honka", "Kallio", "Kivi", "Hiekka", "Sammal", "Kaisla", "Ruoho", "Joutsen", "Kurki", "Hirvi",
	"Karhu", "Kettu", "Ilves", "Kuikka", "Lohi", "Hauki", "Siika", "Ahven", "Muikku", "Talvi",
	"Kesä", "Kevät", "Syys", "Aamu", "Ilta", "Päivä", "Kuu", "Tähti", "Lumi", "Tuuli",
	"Mylly", "Kirkko", "Hovi", "Kartano", "Silta", "Salo", "Iso", "Pikku", "Vanha", "Uusi",
	"Ylä", "Ala", "Kalla", "Varpu", "Mustikka", "Puola", "Lakka", "Kanerva", "Kaarna", "Rauta",
	"Kulta", "Hopea", "Sorsa", "Kotka", "Haukka", "Terva", "Tuohi", "Veräjä", "Riihi", "Aitta",
}

// placeEnd is the last part of a place name with its genitive ("järvi",
// "järven"). An empty nominative ending means a derivational -la/-lä,
// chosen by vowel harmony.
type placeEnd struct{ nom, gen string }

var placeEnds = []placeEnd{
	{"järvi", "järven"}, {"joki", "joen"}, {"lahti", "lahden"}, {"niemi", "niemen"}, {"mäki", "mäen"},
	{"saari", "saaren"}, {"koski", "kosken"}, {"salmi", "salmen"}, {"vaara", "vaaran"}, {"ranta", "rannan"},
	{"harju", "harjun"}, {"kylä", "kylän"}, {"linna", "linnan"}, {"kangas", "kankaan"}, {"suo", "suon"},
	{"lampi", "lammen"}, {"vuori", "vuoren"}, {"lehto", "lehdon"}, {"niitty", "niityn"}, {"selkä", "selän"},
	{"puro", "puron"}, {"pelto", "pellon"}, {"vesi", "veden"}, {"laakso", "laakson"}, {"", ""}, {"", ""},
}

// directions prefix a place or an area ("Pohjois-Koivula").
var directions = []string{"Pohjois-", "Etelä-", "Itä-", "Länsi-", "Keski-", "Ylä-", "Ala-"}

// areas are invented names of larger areas, for counties, districts and
// universities ("Järviseudun hyvinvointialue").
var areas = []placeEnd{
	{"Länsirannikko", "Länsirannikon"}, {"Järviseutu", "Järviseudun"}, {"Pohjanranta", "Pohjanrannan"},
	{"Etelärannikko", "Etelärannikon"}, {"Sisämaa", "Sisämaan"}, {"Koillismaa", "Koillismaan"},
	{"Kaakkoismaa", "Kaakkoismaan"}, {"Ylämaa", "Ylämaan"}, {"Jokilaakso", "Jokilaakson"},
	{"Saaristo", "Saariston"}, {"Harjuseutu", "Harjuseudun"}, {"Vaaramaa", "Vaaramaan"},
	{"Kairaseutu", "Kairaseudun"}, {"Lakeus", "Lakeuden"}, {"Rannikkoseutu", "Rannikkoseudun"},
	{"Salomaa", "Salomaan"}, {"Tunturiseutu", "Tunturiseudun"}, {"Koskiseutu", "Koskiseudun"},
	{"Selkämeri", "Selkämeren"}, {"Suurjärvi", "Suurjärven"}, {"Kanervamaa", "Kanervamaan"},
	{"Metsäseutu", "Metsäseudun"}, {"Virtaseutu", "Virtaseudun"}, {"Ulappa", "Ulapan"},
}

// svPlaces are Swedish place-like words for Swedish-language bodies.
var svPlaces = []string{
	"Skärgård", "Strand", "Björkby", "Granvik", "Ekudden", "Sjöholm", "Lindnäs", "Västerby", "Österby",
	"Klippan", "Bergsund", "Ängsbacka", "Havsvik", "Sundby", "Ådalen", "Furuvik", "Tallbacka", "Norrsund",
}

// ---- brands (companies, some associations and foundations) ----

var brandHeads = []string{
	"Koti", "Mieli", "Terveys", "Arki", "Aurinko", "Hyvä", "Sydän", "Elo", "Voima", "Tuki",
	"Lähi", "Kunto", "Hoiva", "Onni", "Ilo", "Sini", "Vire", "Kide", "Valo", "Lumo",
	"Puhti", "Virta", "Data", "Pilvi", "Kaiku", "Syke", "Tasku", "Hetki", "Liike", "Usva",
}

var brandTails = []string{
	"satama", "kuu", "virta", "paja", "rinne", "helmi", "polku", "silta", "tupa", "linna",
	"kulma", "piiri", "vakka", "lähde", "verso", "tähti", "aalto", "kipinä", "luotsi", "kaari",
	"sointu", "pesä", "soppi", "tuuli",
}

// ---- organisation name parts by kind ----

var companyTemplates = []string{
	"%s Oy", "%s Hoiva Oy", "%s Health Oy", "%s Palvelut Oy", "%s Analytics Oy", "%s Care Oy",
	"%s Kuntoutus Oy", "%s Terveys Oy", "Työterveys %s Oy", "%s Solutions Oy", "%s Digital Oy",
	"%s Hoivakodit Oy", "%s Lääkärikeskus Oy", "%s Henkilöstöpalvelut Oy",
}

var cooperativeServices = []string{"Hoiva", "Kotiapu", "Siivous", "Avustaja", "Tulkki", "Kuljetus", "Hyvinvointi"}

var stateAgencyThemes = []string{
	"Sosiaaliturvan", "Työllisyyden", "Kotoutumisen", "Lapsiperheiden", "Terveyden edistämisen",
	"Järjestörahoituksen", "Asumisen", "Digitaalisten palvelujen", "Esteettömyyden", "Kuntoutuksen",
	"Hyvinvointitiedon", "Lääkehuollon", "Ikäpolitiikan", "Nuorisotyön", "Liikuntapolitiikan",
	"Sosiaalialan osaamisen", "Palvelujen valvonnan", "Vammaispalvelujen", "Yhdenvertaisuuden",
}

var stateAgencyNouns = []string{"virasto", "keskus", "kehittämiskeskus", "neuvottelukunta", "valtuuskunta", "rahasto"}

// associationThemes follow a place genitive ("Koivujärven Omaishoitajat ry").
var associationThemes = []string{
	"Omaishoitajat", "Mielenterveysyhdistys", "Eläkeläiset", "Vertaistukiyhdistys", "Nuorisoseura",
	"Perheyhdistys", "Invalidiyhdistys", "Sydänyhdistys", "Martat", "Diabetesyhdistys", "Kuuloyhdistys",
	"Näkövammaiset", "Liikuntaseura", "Asukasyhdistys", "Setlementti", "Kyläyhdistys", "Reumayhdistys",
	"Muistiyhdistys", "Monikulttuurinen yhdistys", "Ystäväpalvelu", "Kriisikeskus", "Nuorten Ystävät",
	"Päihdetyön yhdistys", "Lapsiperheiden tuki", "Ruoka-apuyhdistys", "Kotiseutuyhdistys",
	"Ensi- ja turvakoti", "Työttömien yhdistys", "Mielenterveysomaiset", "Partiolaiset",
}

// ethnicAssociations name immigrant associations ("Koivujärven somaliyhdistys ry").
var ethnicAssociations = []string{
	"somaliyhdistys", "kurdiyhdistys", "arabiankielisten yhdistys", "venäjänkielisten yhdistys",
	"vietnamilaisten yhdistys", "virolaisten yhdistys", "ukrainalaisten yhdistys", "afganistanilaisten yhdistys",
	"maahanmuuttajanaisten yhdistys", "kansainvälinen perheyhdistys",
}

var svAssociationThemes = []string{"Gemenskap", "Vänskap", "Omsorg", "Hembygd", "Ungdom", "Seniorer", "Familjer", "Samhörighet"}

var foundationThemes = []string{
	"Vanhustenkoti", "Asumispalvelu", "Kuntoutus", "Nuorisoasunto", "Päihdehuolto", "Lastensuojelu",
	"Vammaispalvelu", "Diakonia", "Kulttuurihyvinvointi", "Työllisyys",
}

var thirdNetworkThemes = []string{
	"Sosiaali- ja terveysjärjestöjen", "Vapaaehtoistoiminnan", "Vertaistuen", "Lastensuojelujärjestöjen",
	"Vammaisjärjestöjen", "Päihdejärjestöjen", "Monikulttuuristen järjestöjen", "Omaistyön",
	"Mielenterveysjärjestöjen", "Ikäjärjestöjen", "Nuorisojärjestöjen", "Asunnottomuustyön",
}

var privateNetworkNames = []string{
	"%s – yritysvastuun verkosto", "%s – hyvinvointialan yritysten verkosto", "%s Hoiva-alan yrittäjät",
	"%s – sosiaalisten yritysten verkosto",
}

var researchThemes = []string{
	"Hyvinvoinnin", "Sosiaalipolitiikan", "Terveystaloustieteen", "Työelämän", "Kansanterveyden",
	"Nuorisotyön", "Kansalaisyhteiskunnan", "Gerontologian", "Kuntoutuksen", "Muuttoliikkeen",
	"Perheiden hyvinvoinnin", "Palvelujärjestelmän",
}

var researchNouns = []string{"tutkimusinstituutti", "tutkimuslaitos", "tutkimuskeskus", "tutkimussäätiö sr"}

// ---- people ----

type origin struct {
	language       string // the mother tongue, ISO 639-1
	weight         float64
	female, male   []string
	surnames       []string
	femaleSurnames []string // when surnames are gendered (Russian); else nil
}

var origins = []origin{
	{language: "fi", weight: 850,
		female: []string{"Aino", "Anna", "Emma", "Helmi", "Sanna", "Minna", "Tiina", "Päivi", "Satu", "Johanna",
			"Laura", "Kaisa", "Marjo", "Riikka", "Heidi", "Elina", "Katja", "Outi", "Sirpa", "Merja", "Leena",
			"Anu", "Hanna", "Maria", "Sari", "Jaana", "Pirjo", "Tuula", "Eveliina", "Veera", "Iida", "Ella",
			"Sofia", "Aada", "Noora", "Milla", "Pauliina", "Henna", "Krista", "Jenni", "Mervi", "Helena",
			"Kirsi", "Heli", "Suvi", "Niina", "Terhi", "Tanja", "Annukka", "Ulla", "Marjatta", "Raija"},
		male: []string{"Mikko", "Jari", "Juha", "Timo", "Matti", "Antti", "Tuomas", "Ville", "Janne", "Markku",
			"Pekka", "Jussi", "Petri", "Kari", "Heikki", "Sami", "Olli", "Lauri", "Joonas", "Eero", "Eino",
			"Onni", "Leo", "Aleksi", "Teemu", "Tommi", "Marko", "Harri", "Jukka", "Risto", "Pasi", "Ari",
			"Kalle", "Ilkka", "Mika", "Juho", "Otto", "Niko", "Veikko", "Tapio"},
		surnames: []string{"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
			"Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen",
			"Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen",
			"Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen", "Ahonen", "Leinonen", "Hiltunen",
			"Pesonen", "Miettinen", "Laaksonen", "Kärkkäinen", "Hirvonen", "Räsänen", "Anttila", "Ojala",
			"Väisänen", "Koivisto", "Mustonen", "Peltonen", "Seppälä", "Aaltonen", "Huttunen", "Kallio",
			"Manninen", "Toivonen", "Partanen", "Leppänen", "Kettunen", "Halonen", "Vainio", "Rissanen",
			"Mäkelä", "Pitkänen", "Lindroos", "Granström", "Ikonen", "Hakala", "Kokkonen", "Oksanen"}},
	{language: "sv", weight: 60,
		female:   []string{"Ebba", "Linnea", "Maja", "Sara", "Annika", "Camilla", "Emilia", "Ida", "Karin", "Ulrika", "Frida", "Stina"},
		male:     []string{"Kristian", "Johan", "Erik", "Anders", "Henrik", "Mikael", "Fredrik", "Patrik", "Jonas", "Stefan", "Mats", "Rasmus"},
		surnames: []string{"Holm", "Lindholm", "Nyström", "Lindqvist", "Eriksson", "Johansson", "Forsman", "Sjöberg", "Lundqvist", "Grönroos", "Björklund", "Wikström", "Enqvist", "Backman", "Sundström", "Öhman"}},
	{language: "ru", weight: 20,
		female:         []string{"Olga", "Natalia", "Irina", "Svetlana", "Anastasia", "Jelena", "Tatjana"},
		male:           []string{"Sergei", "Dmitri", "Aleksei", "Ivan", "Nikolai", "Pavel"},
		surnames:       []string{"Ivanov", "Smirnov", "Petrov", "Kuznetsov", "Volkov", "Sokolov", "Popov"},
		femaleSurnames: []string{"Ivanova", "Smirnova", "Petrova", "Kuznetsova", "Volkova", "Sokolova", "Popova"}},
	{language: "et", weight: 15,
		female:   []string{"Kadri", "Triin", "Liis", "Kristiina", "Piret", "Marju"},
		male:     []string{"Tõnu", "Mart", "Priit", "Rein", "Andres", "Margus"},
		surnames: []string{"Tamm", "Saar", "Sepp", "Kask", "Mägi", "Kukk", "Rebane", "Ilves"}},
	{language: "so", weight: 12,
		female:   []string{"Hodan", "Amina", "Fadumo", "Ifrah", "Sahra", "Hibo", "Nasra"},
		male:     []string{"Abdi", "Ahmed", "Mohamed", "Hassan", "Farah", "Abdirahman"},
		surnames: []string{"Warsame", "Abdullahi", "Ali", "Hussein", "Jama", "Omar", "Yusuf", "Nur"}},
	{language: "ar", weight: 15,
		female:   []string{"Leila", "Noor", "Rana", "Huda", "Yasmin", "Samira", "Rasha"},
		male:     []string{"Omar", "Yusuf", "Karim", "Samir", "Ali", "Khaled", "Tariq"},
		surnames: []string{"Haddad", "Al-Hashimi", "Mansour", "Khalil", "Nasser", "Saleh", "Hamdan", "Aziz"}},
	{language: "vi", weight: 7,
		female:   []string{"Lan", "Huong", "Linh", "Mai", "Thu", "Ngoc"},
		male:     []string{"Minh", "Duc", "Tuan", "Hung", "Quang"},
		surnames: []string{"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"}},
	{language: "ku", weight: 6,
		female:   []string{"Dilan", "Shilan", "Rozhin", "Nazdar", "Berivan"},
		male:     []string{"Aras", "Rebin", "Roj", "Karwan", "Dilshad"},
		surnames: []string{"Ahmadi", "Karimi", "Rashid", "Mahmoud", "Qadir"}},
	{language: "fa", weight: 6,
		female:   []string{"Shirin", "Maryam", "Parisa", "Niloofar", "Sara"},
		male:     []string{"Reza", "Arash", "Dariush", "Farhad", "Kian"},
		surnames: []string{"Hosseini", "Rahimi", "Moradi", "Jafari", "Sadeghi"}},
	{language: "uk", weight: 10,
		female:   []string{"Oksana", "Olena", "Kateryna", "Iryna", "Yuliia", "Halyna"},
		male:     []string{"Oleksandr", "Andrii", "Taras", "Bohdan", "Mykola"},
		surnames: []string{"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchenko"}},
}

// ---- topics ----

// topicSpec is one generated topic with the sectors it is typical of: the
// first is its home sector, the optional second one where it also belongs.
type topicSpec struct {
	name, nameFi, nameSv, description string
	sectors                           []model.Sector
}

var (
	pub  = model.SectorPublic
	priv = model.SectorPrivate
	thd  = model.SectorThird
	acad = model.SectorAcademia
)

// topicCatalogue is fixed (independent of the seed), so that generated
// topics keep their ids and names across runs with any seed. None of the
// names equals a demo topic's (topic names are unique in the graph).
var topicCatalogue = []topicSpec{
	// public sector
	{"Home care for older people", "Ikäihmisten kotihoito", "Hemvård för äldre", "Home care services that let older people live at home longer.", []model.Sector{pub, priv}},
	{"Child protection aftercare", "Lastensuojelun jälkihuolto", "Eftervård inom barnskyddet", "Support for young adults leaving child protection placements.", []model.Sector{pub, thd}},
	{"Access to primary health care", "Perusterveydenhuollon saatavuus", "Tillgång till primärvård", "Shorter queues and easier access to health centres.", []model.Sector{pub}},
	{"Emergency social services", "Sosiaalipäivystys", "Social jour", "Round-the-clock social emergency and crisis services.", []model.Sector{pub}},
	{"Municipal employment services", "Kuntien työllisyyspalvelut", "Kommunernas sysselsättningstjänster", "Employment services run by municipalities and employment areas.", []model.Sector{pub, priv}},
	{"Service integration in wellbeing counties", "Palvelujen yhteensovittaminen", "Samordning av tjänster i välfärdsområdena", "Joining up health and social services around the client.", []model.Sector{pub}},
	{"Welfare technology procurement", "Hyvinvointiteknologian hankinnat", "Upphandling av välfärdsteknik", "Public procurement of care technology and digital services.", []model.Sector{pub, priv}},
	{"School wellbeing", "Kouluhyvinvointi", "Välbefinnande i skolan", "Pupils' wellbeing, school social work and student welfare.", []model.Sector{pub, thd}},
	{"Preventive family work", "Ennaltaehkäisevä perhetyö", "Förebyggande familjearbete", "Early support for families before problems grow.", []model.Sector{pub, thd}},
	{"Rehabilitation services", "Kuntoutuspalvelut", "Rehabiliteringstjänster", "Medical, vocational and social rehabilitation.", []model.Sector{pub, priv}},
	{"Outpatient mental health care", "Mielenterveyden avohoito", "Öppen psykiatrisk vård", "Mental health care outside hospitals.", []model.Sector{pub, priv}},
	// private sector
	{"Assisted living services", "Tehostettu palveluasuminen", "Serviceboende med heldygnsomsorg", "24-hour assisted living for older and disabled people.", []model.Sector{priv, pub}},
	{"Occupational health care", "Työterveyshuolto", "Företagshälsovård", "Health services for employees and employers.", []model.Sector{priv}},
	{"Remote care and telehealth", "Etähoito ja etävastaanotot", "Distansvård och distansmottagningar", "Care delivered over video and digital channels.", []model.Sector{priv, acad}},
	{"Health data and analytics", "Terveysdata ja analytiikka", "Hälsodata och analys", "Secondary use of health and social data.", []model.Sector{priv, acad}},
	{"Corporate social responsibility", "Yritysvastuu", "Företagsansvar", "Companies' social responsibility programmes.", []model.Sector{priv, thd}},
	{"Workplace wellbeing", "Työhyvinvointi", "Välbefinnande i arbetet", "Wellbeing and coping at work.", []model.Sector{priv}},
	{"Care staff recruitment", "Hoitohenkilöstön rekrytointi", "Rekrytering av vårdpersonal", "Recruiting and retaining nurses and care workers.", []model.Sector{priv, pub}},
	{"Social impact investing", "Vaikuttavuusinvestointi", "Effektinvesteringar", "Outcome-based contracts and social impact bonds.", []model.Sector{priv, thd}},
	{"Assistive technology", "Apuvälineteknologia", "Hjälpmedelsteknik", "Aids and devices for independent living.", []model.Sector{priv}},
	{"Inclusive recruitment", "Monimuotoinen rekrytointi", "Inkluderande rekrytering", "Employers hiring people of diverse backgrounds and abilities.", []model.Sector{priv, thd}},
	// third sector
	{"Volunteer training", "Vapaaehtoisten koulutus", "Utbildning av frivilliga", "Training and supervising volunteers.", []model.Sector{thd}},
	{"Low-threshold meeting places", "Matalan kynnyksen kohtaamispaikat", "Lågtröskelmötesplatser", "Open drop-in places for anyone to come by.", []model.Sector{thd, pub}},
	{"Food aid", "Ruoka-apu", "Mathjälp", "Food banks and shared meals.", []model.Sector{thd}},
	{"Debt and financial counselling", "Talous- ja velkaneuvonta", "Ekonomi- och skuldrådgivning", "Advice for people with money troubles.", []model.Sector{thd, pub}},
	{"Support for people with memory disorders", "Muistisairaiden tuki", "Stöd för personer med minnessjukdom", "Support for people with dementia and their families.", []model.Sector{thd, pub}},
	{"Crisis support", "Kriisituki", "Krisstöd", "Crisis help lines and crisis centres.", []model.Sector{thd}},
	{"Sports clubs and youth activities", "Urheiluseurat ja nuorisotoiminta", "Idrottsföreningar och ungdomsverksamhet", "Hobbies and activities for children and young people.", []model.Sector{thd}},
	{"Mentoring for young people", "Nuorten mentorointi", "Mentorskap för unga", "Adult mentors for young people at risk of exclusion.", []model.Sector{thd}},
	{"Support for victims of violence", "Väkivaltaa kokeneiden tuki", "Stöd för våldsutsatta", "Shelters and help for people who have experienced violence.", []model.Sector{thd, pub}},
	{"Language cafés", "Kielikahvilat", "Språkkaféer", "Informal Finnish and Swedish practice for newcomers.", []model.Sector{thd}},
	{"Disability advocacy", "Vammaisten edunvalvonta", "Intressebevakning för personer med funktionsnedsättning", "Advocacy by and for people with disabilities.", []model.Sector{thd}},
	{"Funding for civil society", "Järjestöjen avustukset ja rahoitus", "Understöd och finansiering för organisationer", "Grants and funding for associations and foundations.", []model.Sector{thd, pub}},
	// academia
	{"Impact evaluation", "Vaikuttavuuden arviointi", "Utvärdering av effekter", "Measuring what services and projects achieve.", []model.Sector{acad, thd}},
	{"Service design research", "Palvelumuotoilun tutkimus", "Forskning i tjänstedesign", "Research on designing services with their users.", []model.Sector{acad, priv}},
	{"Social work education", "Sosiaalialan koulutus", "Utbildning inom socialt arbete", "Educating social workers and social counsellors.", []model.Sector{acad, pub}},
	{"Nursing education", "Hoitotyön koulutus", "Vårdutbildning", "Educating nurses and practical nurses.", []model.Sector{acad}},
	{"Health inequalities research", "Terveyserojen tutkimus", "Forskning i hälsoskillnader", "Research on differences in health between groups.", []model.Sector{acad, pub}},
	{"Living labs and co-creation", "Kehittämisympäristöt ja yhteiskehittäminen", "Utvecklingsmiljöer och samutveckling", "Testbeds where users, researchers and firms develop together.", []model.Sector{acad, priv}},
	{"Migration research", "Maahanmuuttotutkimus", "Migrationsforskning", "Research on migration and integration.", []model.Sector{acad, thd}},
}

// ---- roles ----

// roles are role titles by organisation kind: junior ones first, then
// senior ones (chosen more often later in a career).
type roleSet struct{ junior, senior []string }

var employmentRoles = map[model.OrganisationKind]roleSet{}

// roleTable is the source of employmentRoles, kept as a slice so that the
// order is fixed.
var roleTable = []struct {
	kind model.OrganisationKind
	set  roleSet
}{
	{model.KindMunicipality, roleSet{
		[]string{"Social worker", "Youth worker", "Planning officer", "Sports planner", "Social counsellor", "Early childhood education teacher", "Employment services expert", "Outreach youth worker", "Planner, NGO partnerships"},
		[]string{"Service manager", "Head of youth services", "Welfare director", "Planning manager, NGO grants and partnerships", "Head of sports services", "Director of employment services", "Wellbeing promotion coordinator"}}},
	{model.KindWellbeingServicesCounty, roleSet{
		[]string{"Registered nurse", "Practical nurse", "Social worker", "Home care nurse", "Public health nurse", "Psychiatric nurse", "Physiotherapist", "Family worker", "Social counsellor"},
		[]string{"Home care supervisor", "Service manager", "Head of adult social work", "Head of child welfare services", "Regional service director", "Development manager", "Head nurse", "Director, substance-abuse and mental health services"}}},
	{model.KindHospitalDistrict, roleSet{
		[]string{"Ward nurse", "Registered nurse", "Hospital social worker", "Physiotherapist", "Specialist physician", "Psychologist", "Medical secretary"},
		[]string{"Head nurse", "Clinical lead", "Chief medical officer", "Development manager", "Nursing director"}}},
	{model.KindStateAgency, roleSet{
		[]string{"Senior officer", "Grant officer", "Policy adviser", "Employment counsellor", "Inspector", "Analyst", "Planning officer"},
		[]string{"Ministerial adviser", "Head of unit", "Senior adviser, NGO policy", "Director, social policy", "Head of grant services"}}},
	{model.KindCompany, roleSet{
		[]string{"Registered nurse", "Practical nurse", "Occupational therapist", "Software developer", "Service designer", "Data analyst", "Account manager", "Customer success manager", "Occupational health nurse"},
		[]string{"Unit manager, assisted living", "Regional director", "Head of responsibility", "Product lead", "Chief executive officer", "Business director", "Medical director"}}},
	{model.KindCooperative, roleSet{
		[]string{"Home helper", "Personal assistant", "Care worker", "Interpreter"},
		[]string{"Managing director", "Service coordinator"}}},
	{model.KindSocialEnterprise, roleSet{
		[]string{"Work coach", "Work supervisor", "Job coach", "Instructor"},
		[]string{"Managing director", "Head of work-ability services"}}},
	{model.KindAssociation, roleSet{
		[]string{"Peer-support coordinator", "Volunteer coordinator", "Project coordinator", "Youth worker", "Organisation secretary", "Family worker", "Counsellor", "Peer worker"},
		[]string{"Executive director", "Project manager", "Development manager", "Head of services"}}},
	{model.KindFoundation, roleSet{
		[]string{"Housing adviser", "Project coordinator", "Grant officer", "Instructor", "Social counsellor"},
		[]string{"Programme manager", "Managing director", "Head of grants", "Service director"}}},
	{model.KindNetwork, roleSet{
		[]string{"Network coordinator", "Communications officer", "Policy adviser", "Community manager", "Project coordinator"},
		[]string{"Secretary general", "Director, partnerships", "Development manager", "Head of partnership services"}}},
	{model.KindUniversity, roleSet{
		[]string{"Doctoral researcher", "Research assistant", "University teacher", "Project researcher"},
		[]string{"Postdoctoral researcher", "University lecturer", "Associate professor", "Professor of social work", "Professor of social policy", "Professor of health sciences"}}},
	{model.KindUniversityAppliedScience, roleSet{
		[]string{"RDI specialist", "Project coordinator", "Lecturer, nursing", "Lecturer, social services"},
		[]string{"Senior lecturer, social services", "Principal lecturer, rehabilitation", "RDI manager", "Head of degree programme"}}},
	{model.KindResearchInstitute, roleSet{
		[]string{"Researcher", "Research assistant", "Data analyst", "Research coordinator"},
		[]string{"Senior researcher", "Research manager", "Research director", "Chief specialist"}}},
}

func init() {
	for _, r := range roleTable {
		employmentRoles[r.kind] = r.set
	}
}

var universityDegrees = []string{
	"Master of Social Sciences, social work", "Master of Social Sciences, social policy", "Master of Health Sciences",
	"MA, psychology", "MA, education", "MSc, sport sciences", "Licentiate of Medicine", "Master of Administrative Sciences",
	"MSc, computer science", "MSc, economics", "PhD, social policy", "PhD, health sciences",
}

var uasDegrees = []string{
	"Bachelor of Health Care, nursing", "Bachelor of Social Services", "Bachelor of Health Care, physiotherapy",
	"Bachelor of Business Administration", "Bachelor of Engineering, health technology", "Bachelor of Social Services, community education",
	"Master of Social Services (UAS)", "Master of Health Care (UAS)", "Bachelor of Culture and Arts",
}

var volunteerRoles = []string{
	"Volunteer visitor", "Peer-support volunteer", "Volunteer group leader", "Homework club volunteer",
	"Volunteer chat counsellor", "Volunteer trainer", "Volunteer family friend", "Food aid volunteer",
	"Language café volunteer", "Volunteer mentor", "Support person", "Event volunteer",
}

var boardRoles = []string{"Board member", "Board member", "Board member", "Chair of the board", "Vice chair of the board", "Treasurer, board", "Deputy board member"}

var trustRoles = []string{
	"Member of the municipal council", "Member of the welfare committee", "Member of the council for older people",
	"Member of the disability council", "Member of the youth council", "Member of the regional council",
	"Member of the multicultural affairs council", "Deputy member of the social and health committee",
}

var secondmentRoles = []string{
	"Seconded expert", "Project specialist (secondment)", "Seconded development manager", "Special adviser (secondment)",
	"Seconded coordinator",
}

// ---- collaborations ----

var collabPatterns = []string{
	"%s: shared pilot", "%s: partnership programme", "%s: joint development project", "%s in practice",
	"%s: working group", "%s: cooperation model", "%s together", "%s: regional network",
	"%s: learning network", "%s: pilot and evaluation",
}

var evaluationNotes = []string{
	"The partners met their shared goals and agreed to continue.",
	"Good results for clients; the funding for continuation is still open.",
	"Roles were unclear at first; a written agreement helped.",
	"Trust grew over the project; the model was adopted as a permanent service.",
	"Fewer participants than planned, but the partners learnt a lot about each other.",
	"The model spread to two other regions.",
	"Key people changed during the project, which slowed it down.",
	"Participants' feedback was very positive; the evaluation recommends scaling up.",
}
