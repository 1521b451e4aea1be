package synth

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
)

// Career model. A career starts in a year uniformly drawn from
// careerFirstYear..careerLastYear, optionally with a degree (EDUCATION at a
// university or university of applied sciences), then a chain of jobs
// (EMPLOYMENT; job lengths log-normal), each in a sector drawn from the
// person's transition matrix (settledTransition or mobileTransition below)
// given the previous job's sector, until the reference date; the last job
// is the current one (ongoing) for most people. Within a sector a job goes
// to an organisation with probability proportional to its size weight
// (pLocalJob of the time among those of the person's region and the
// national ones). Side stints (VOLUNTEER, BOARD, TRUST_POSITION,
// SECONDMENT) overlap the chain. A person has 1..maxStints stints, all
// ended except the current job.
const (
	careerFirstYear = 1990
	careerLastYear  = 2024
	maxStints       = 8
	maxJobs         = 6

	pEducation            = 0.18 // a degree is logged (settled careers)
	pEducationMobile      = 0.40 // a degree is logged (mobile careers)
	pAcademicCareer       = 0.15 // after a university degree, the first job is in ACADEMIA
	pPromotion            = 0.20 // the next job is a promotion at the same employer
	pCurrentJob           = 0.93 // the last job is ongoing (else the person left working life)
	pVolunteer            = 0.14
	pSecondVolunteer      = 0.25
	pBoard                = 0.06 // plus pBoardSenior after ten years of career
	pBoardSenior          = 0.08
	pTrustPosition        = 0.04
	pSecondment           = 0.05 // per public or academic job of two years or more
	pLocalJob             = 0.75 // a job is in the person's home region (or a national body)
	jobMedianMonths       = 96.0 // median job length, settled careers
	jobMedianMonthsMobile = 54.0 // median job length, mobile careers
	jobSigma              = 0.7
)

// Careers differ in mobility: most people are settled and change sector
// rarely, a minority (pMobile) are mobile and cross sectors often. Each
// type has a per-job sector transition matrix, [from][to] in the order
// PUBLIC, PRIVATE, THIRD, ACADEMIA. Averaged over all job moves, staying
// in the same sector has probability about 0.8 (Stats.JobTransitions
// measures it); the mixture is what gives about half of the people a
// single-sector career while still a few percent work in all four.
// Public↔third and private→public are the most common crossings, academia
// the rarest destination.
const pMobile = 0.22

var (
	settledTransition = [4][4]float64{
		{0.92, 0.03, 0.03, 0.02},
		{0.05, 0.91, 0.02, 0.02},
		{0.05, 0.02, 0.91, 0.02},
		{0.04, 0.02, 0.02, 0.92},
	}
	mobileTransition = [4][4]float64{
		{0.56, 0.14, 0.18, 0.12},
		{0.20, 0.54, 0.14, 0.12},
		{0.22, 0.12, 0.54, 0.12},
		{0.20, 0.12, 0.14, 0.54},
	}
)

// firstJobSector is the sector of a career's first job.
var firstJobSector = []float64{0.45, 0.27, 0.18, 0.10}

// Side stints go to these sectors.
var (
	volunteerSector = []float64{0.10, 0, 0.90, 0}
	boardSector     = []float64{0.05, 0.20, 0.70, 0.05}
)

var (
	originWeights = func() []float64 {
		ws := make([]float64, len(origins))
		for k, o := range origins {
			ws[k] = o.weight
		}
		return ws
	}()
	regionW       = regionWeights()
	phonePrefixes = []string{"40", "41", "44", "45", "46", "50"}
)

// pad formats n with leading zeros to width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

// refMonth is Reference as a month index.
var refMonth = monthIndex(Reference.Year, Reference.Month)

func monthIndex(y int, m time.Month) int { return y*12 + int(m) - 1 }

func firstDay(mi int) model.Date {
	return model.Date{Year: mi / 12, Month: time.Month(mi%12 + 1), Day: 1}
}

func lastDay(mi int) model.Date {
	return model.DateOf(time.Date(mi/12, time.Month(mi%12+2), 0, 0, 0, 0, 0, time.UTC))
}

// stint is a generated experience, with months as month indices.
type stint struct {
	org        int
	kind       model.ExperienceKind
	role       string
	start, end int // end inclusive
	ongoing    bool
}

// NextPeople returns the next at most n people with their experiences, or
// nil when all are made. The people are numbered in order; person i's
// record depends only on the Config and i (and the organisations), not on n.
func (g *Generator) NextPeople(n int) []store.ImportPerson {
	if g.nextPerson >= g.plan.People {
		return nil
	}
	end := min(g.plan.People, g.nextPerson+max(1, n))
	out := make([]store.ImportPerson, 0, end-g.nextPerson)
	for ; g.nextPerson < end; g.nextPerson++ {
		out = append(out, g.person(g.nextPerson))
	}
	return out
}

func (g *Generator) person(i int) store.ImportPerson {
	r := g.reseed(streamPeople, i)
	num := i + 1
	id := g.personID(int32(num))

	orig := origins[weighted(r, originWeights)]
	female := chance(r, 0.72) // welfare work is female-dominated
	var first, last string
	if female {
		first = pick(r, orig.female)
		if orig.femaleSurnames != nil {
			last = pick(r, orig.femaleSurnames)
		} else {
			last = pick(r, orig.surnames)
		}
	} else {
		first, last = pick(r, orig.male), pick(r, orig.surnames)
	}
	home := weighted(r, regionW)

	stints := g.career(r, home)
	sectors := g.sectorsOf(stints)

	vis := model.VisibilityPublic
	switch x := r.Float64(); {
	case x >= 0.95:
		vis = model.VisibilityPrivate
	case x >= 0.70:
		vis = model.VisibilityMembers
	}
	// People who have crossed sectors are more willing to bridge them;
	// overall about 40 % are open to bridging.
	openToBridging := chance(r, []float64{0, 0.30, 0.45, 0.60, 0.70}[len(sectors)])
	contactable := chance(r, 0.52)
	if vis == model.VisibilityPrivate {
		contactable = chance(r, 0.2)
	}

	p := store.ImportPerson{
		Person: model.Person{
			ID: id, Name: first + " " + last, Languages: languages(r, orig.language), Region: regions[home].name,
			Email:      emailPart(first) + "." + emailPart(last) + "." + strconv.Itoa(num) + "@mail.example",
			Phone:      "+358 " + pick(r, phonePrefixes) + " " + pad(r.IntN(1000), 3) + " " + pad(r.IntN(10000), 4),
			Visibility: vis, OpenToBridging: openToBridging, Contactable: contactable,
		},
		ExpertiseTopicIDs: g.expertise(r, stints),
	}
	p.Person.Headline = g.headline(stints, sectors)
	for k, s := range stints {
		e := model.Experience{
			ID: g.prefix + "exp-" + pad(num, 7) + "-" + strconv.Itoa(k+1), PersonID: id, OrganisationID: g.orgs[s.org].id,
			Kind: s.kind, RoleTitle: s.role, StartDate: firstDay(s.start),
		}
		if !s.ongoing {
			end := lastDay(s.end)
			e.EndDate = &end
		}
		p.Experiences = append(p.Experiences, e)
	}
	g.record(num, p, stints, sectors)
	return p
}

// career makes a person's stints, sorted by start.
func (g *Generator) career(r *rand.Rand, home int) []stint {
	startYear := careerFirstYear + r.IntN(careerLastYear-careerFirstYear+1)
	transition, sideBoost, pEdu, jobMonths := &settledTransition, 1.0, pEducation, jobMedianMonths
	if chance(r, pMobile) {
		transition, sideBoost, pEdu, jobMonths = &mobileTransition, 1.5, pEducationMobile, jobMedianMonthsMobile
	}
	var stints []stint
	m := monthIndex(startYear, time.Month(1+r.IntN(12)))
	universityDegree := false
	if chance(r, pEdu) {
		o := g.eduPool.pick(r, home, 0.8)
		kind := g.orgs[o].kind
		years, degrees := 3+r.IntN(2), uasDegrees
		if kind == model.KindUniversity {
			years, degrees, universityDegree = 5+r.IntN(2), universityDegrees, true
		}
		start := monthIndex(startYear, time.Month(8+r.IntN(2)))
		end := start + 12*years - 3 // to May
		st := stint{org: o, kind: model.ExperienceEducation, role: pick(r, degrees), start: start, end: end}
		if end >= refMonth {
			st.ongoing = true // a student today: no jobs yet
		}
		stints = append(stints, st)
		m = end + 2 + r.IntN(4)
	}
	careerStart := m
	if len(stints) > 0 {
		careerStart = stints[0].start
	}

	sector := weighted(r, firstJobSector[:])
	if universityDegree && chance(r, pAcademicCareer) {
		sector = 3
	}
	prev := -1
	for j := 0; j < maxJobs && m < refMonth && (len(stints) == 0 || !stints[0].ongoing); j++ {
		months := int(math.Round(math.Exp(math.Log(jobMonths) + jobSigma*r.NormFloat64())))
		months = min(max(months, 6), 360)
		end := m + months - 1
		last := end >= refMonth || j == maxJobs-1
		o, promoted := -1, false
		if prev >= 0 && g.orgs[prev].sector == sector && chance(r, pPromotion) {
			o, promoted = prev, true
		} else {
			o = g.sectorPools[sector].pick(r, home, pLocalJob)
		}
		years := float64(m-careerStart) / 12
		pSenior := math.Min(0.85, math.Max(0, (years-3)/15))
		if promoted {
			pSenior = math.Min(0.95, pSenior+0.4)
		}
		st := stint{org: o, kind: model.ExperienceEmployment, role: g.role(r, o, chance(r, pSenior)), start: m, end: end}
		if last {
			if chance(r, pCurrentJob) {
				st.ongoing = true
			} else {
				st.end = max(m, min(end, refMonth-r.IntN(24)))
			}
		}
		stints = append(stints, st)
		if last {
			break
		}
		prev = o
		gap := 0
		if chance(r, 0.4) {
			gap = 1 + r.IntN(6)
		}
		m = end + 1 + gap
		sector = weighted(r, transition[sector][:])
	}

	// Side stints overlap the chain; all of them have ended by Reference.
	span := max(1, refMonth-careerStart)
	side := func(kind model.ExperienceKind, o int, role string, earliest, minMonths, maxMonths int) {
		if len(stints) >= maxStints {
			return
		}
		earliest = min(max(earliest, careerStart), refMonth-1)
		start := earliest + r.IntN(max(1, refMonth-earliest))
		end := min(start+minMonths+r.IntN(maxMonths-minMonths+1)-1, refMonth)
		stints = append(stints, stint{org: o, kind: kind, role: role, start: start, end: end})
	}
	for _, job := range stints[:len(stints):len(stints)] {
		if job.kind != model.ExperienceEmployment || g.orgs[job.org].sector == 1 || g.orgs[job.org].sector == 2 {
			continue
		}
		jobEnd := job.end
		if job.ongoing {
			jobEnd = refMonth
		}
		if jobEnd-job.start < 24 || !chance(r, pSecondment) || len(stints) >= maxStints {
			continue
		}
		to := weighted(r, transition[g.orgs[job.org].sector][:])
		o := g.sectorPools[to].pick(r, home, 0.6)
		if o == job.org {
			continue
		}
		start := job.start + 6 + r.IntN(jobEnd-job.start-12)
		end := min(start+6+r.IntN(13)-1, jobEnd)
		stints = append(stints, stint{org: o, kind: model.ExperienceSecondment, role: pick(r, secondmentRoles), start: start, end: end})
	}
	pb := pBoard
	if span >= 120 {
		pb += pBoardSenior
	}
	if chance(r, pb*sideBoost) {
		o := g.sectorPools[weighted(r, boardSector)].pick(r, home, 0.85)
		side(model.ExperienceBoard, o, pick(r, boardRoles), careerStart+min(60, span/2), 24, 72)
	}
	if chance(r, pVolunteer*sideBoost) {
		for k := 0; k < 1 || (k < 2 && chance(r, pSecondVolunteer)); k++ {
			o := g.sectorPools[weighted(r, volunteerSector)].pick(r, home, 0.9)
			side(model.ExperienceVolunteer, o, pick(r, volunteerRoles), careerStart, 6, 72)
		}
	}
	if chance(r, pTrustPosition) {
		side(model.ExperienceTrustPosition, g.trustPool.pick(r, home, 0.95), pick(r, trustRoles), careerStart+24, 24, 48)
	}
	sort.SliceStable(stints, func(a, b int) bool { return stints[a].start < stints[b].start })
	return stints
}

// role picks a role title fitting the organisation's kind.
func (g *Generator) role(r *rand.Rand, o int, senior bool) string {
	rs := employmentRoles[g.orgs[o].kind]
	if senior && len(rs.senior) > 0 {
		return pick(r, rs.senior)
	}
	return pick(r, rs.junior)
}

// sectorsOf lists the distinct sectors (indices) of the stints, in order.
func (g *Generator) sectorsOf(stints []stint) []int {
	var out []int
	for _, s := range stints {
		if sec := g.orgs[s.org].sector; !slices.Contains(out, sec) {
			out = append(out, sec)
		}
	}
	slices.Sort(out)
	return out
}

// languages: Finnish always for Finnish- and Swedish-speakers and for most
// others, English for most, Swedish for some, occasionally another.
func languages(r *rand.Rand, mother string) []string {
	langs := []string{mother}
	add := func(l string, p float64) {
		if !slices.Contains(langs, l) && chance(r, p) {
			langs = append(langs, l)
		}
	}
	switch mother {
	case "fi":
		add("en", 0.82)
		add("sv", 0.30)
	case "sv":
		add("fi", 1)
		add("en", 0.85)
	default:
		add("fi", 0.88)
		add("en", 0.75)
		add("sv", 0.05)
	}
	add(pick(r, []string{"de", "fr", "es", "et", "ru", "it"}), 0.08)
	return langs
}

func emailPart(s string) string {
	s = strings.ToLower(asciiFold.Replace(s))
	return strings.Map(func(c rune) rune {
		if (c >= 'a' && c <= 'z') || c == '-' {
			return c
		}
		return -1
	}, s)
}

// expertise picks 1–4 topics from the organisations the person worked at,
// favouring long and recent stints.
func (g *Generator) expertise(r *rand.Rand, stints []stint) []string {
	var topics []int
	var ws []float64
	for _, s := range stints {
		w := float64(s.end-s.start+1) * (1 + float64(s.start-stints[0].start)/240)
		if s.ongoing {
			w = float64(refMonth-s.start+1) * 1.5
		}
		if s.kind != model.ExperienceEmployment {
			w *= 0.5
		}
		for _, t := range g.orgs[s.org].topics {
			if k := slices.Index(topics, t); k >= 0 {
				ws[k] += w
			} else {
				topics, ws = append(topics, t), append(ws, w)
			}
		}
	}
	n := min(len(topics), []int{1, 2, 2, 2, 3, 3, 3, 4}[r.IntN(8)])
	out := make([]string, 0, n)
	for len(out) < n {
		k := weighted(r, ws)
		out = append(out, g.topics[topics[k]].ID)
		ws[k] = 0
	}
	return out
}

var sectorWords = []string{"public", "private", "third"}

// sectorsPhrase says "the public and third sectors", "the private sector
// and academia", "academia".
func sectorsPhrase(secs []int) string {
	var words []string
	academia := false
	for _, s := range secs {
		if s == 3 {
			academia = true
			continue
		}
		words = append(words, sectorWords[s])
	}
	phrase := ""
	if len(words) > 0 {
		phrase = "the " + joinAnd(words) + " sector"
		if len(words) > 1 {
			phrase += "s"
		}
	}
	if academia {
		if phrase == "" {
			return "academia"
		}
		return phrase + " and academia"
	}
	return phrase
}

func (g *Generator) headline(stints []stint, sectors []int) string {
	var current *stint
	for k := range stints {
		if stints[k].ongoing {
			current = &stints[k]
		}
	}
	var h string
	switch {
	case current != nil && current.kind == model.ExperienceEducation:
		h = "Student, " + lowerFirst(current.role)
	case current != nil:
		h = current.role + " at " + kindPhrase(g.orgs[current.org].kind)
	default:
		lastJob := stints[len(stints)-1]
		for _, s := range stints {
			if s.kind == model.ExperienceEmployment {
				lastJob = s
			}
		}
		if lastJob.kind == model.ExperienceEducation {
			h = "Graduate, " + lowerFirst(lastJob.role)
		} else {
			h = "Formerly " + lowerFirst(lastJob.role) + " at " + kindPhrase(g.orgs[lastJob.org].kind)
		}
	}
	if len(sectors) >= 3 {
		return "Cross-sector bridge builder: " + lowerFirst(h) + ", with experience in " + sectorsPhrase(sectors)
	}
	if current != nil && len(sectors) == 2 {
		var other []int
		for _, s := range sectors {
			if s != g.orgs[current.org].sector {
				other = append(other, s)
			}
		}
		return h + ", with a background in " + sectorsPhrase(other)
	}
	return h
}

// record updates the statistics and each organisation's member count and
// contributor sample with a finished person.
func (g *Generator) record(num int, p store.ImportPerson, stints []stint, sectors []int) {
	st := &g.stats
	st.People++
	st.Experiences += len(stints)
	st.StintsPerPerson[len(stints)]++
	st.CareerSectors[len(sectors)]++
	switch p.Person.Visibility {
	case model.VisibilityPublic:
		st.Visibility[0]++
	case model.VisibilityMembers:
		st.Visibility[1]++
	default:
		st.Visibility[2]++
	}
	if p.Person.OpenToBridging {
		st.OpenToBridging++
	}
	if p.Person.Contactable {
		st.Contactable++
	}
	if slices.Contains(p.Person.Languages, "fi") {
		st.SpeaksFinnish++
	}
	if len(p.Person.Languages) > 1 {
		st.Multilingual++
	}
	prevJob := -1
	var seen []int
	for _, s := range stints {
		st.ExperienceKinds[slices.Index(model.AllExperienceKinds, s.kind)]++
		if s.ongoing {
			st.Ongoing++
		}
		if s.kind == model.ExperienceEmployment {
			sec := g.orgs[s.org].sector
			if prevJob >= 0 {
				st.JobTransitions[prevJob][sec]++
			}
			prevJob = sec
		}
		if !slices.Contains(seen, s.org) {
			seen = append(seen, s.org)
		}
	}
	// Reservoir sampling (algorithm R) keeps a uniform sample of each
	// organisation's people for collaboration contributors.
	for _, o := range seen {
		g.members[o]++
		if len(g.reservoir[o]) < reservoirSize {
			g.reservoir[o] = append(g.reservoir[o], int32(num))
		} else if k := g.resRNG.IntN(int(g.members[o])); k < reservoirSize {
			g.reservoir[o][k] = int32(num)
		}
	}
}

// lowerFirst lower-cases the first letter of s for use mid-sentence,
// unless the first word is an acronym ("MSc", "RDI").
func lowerFirst(s string) string {
	word, _, _ := strings.Cut(s, " ")
	word = strings.TrimRight(word, ",")
	if len(word) < 2 || strings.ToLower(word[1:]) != word[1:] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
