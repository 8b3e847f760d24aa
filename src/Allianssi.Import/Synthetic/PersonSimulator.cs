namespace Allianssi.Import.Synthetic;

/// <summary>
/// Simulates one resident at a time over the window and writes their rows to every dataset:
/// identity, listings, diagnoses, laboratory results, care plans, visits, home-care periods with
/// RAI assessments and NPS answers. State kept between persons is only sequence numbers, the
/// identity-code counters per birth date (fixed size) and the area tallies.
/// </summary>
/// <remarks>
/// Each person draws from their own random stream (seed, person number), so a change in how one
/// person is simulated does not shift everyone after them. The alliance effect starts with the
/// alliance (1.4.2018): before that the alliance's unit behaves like the others.
/// </remarks>
internal sealed class PersonSimulator
{
    private const int AllianceStartYear = 2018;
    private static readonly DateOnly IdentityEpoch = new(1800, 1, 1);

    private static readonly string[] DiabetesCodes = ["E11.9", "E11.9", "E11.9", "E11.9", "E11.9", "E11.9", "E11.2", "E11.3", "E11.5", "E11.6", "E11.7", "E11.4", "E11.8"];
    private static readonly string[] CoronaryCodes = ["I25.1", "I25.1", "I25.1", "I25.1", "I25.9", "I25.9", "I20.9", "I20.9", "I21.4", "I21.9", "I24.8", "I22.0"];

    private readonly GenerationOptions _options;
    private readonly DatasetWriters _w;
    private readonly AreaTallies _tallies;
    private readonly IReadOnlyList<SyntheticUnit> _units = TampereUnits.All;
    private readonly double[] _unitShares = TampereUnits.CumulativeShares();
    private readonly SyntheticRandom _r = new(0);
    private readonly int[] _identityOrdinals;
    private readonly List<CarePeriod> _periods = [];
    private long _visits;
    private long _results;

    // The person being simulated.
    private DateOnly _birth;
    private DateOnly _residentFrom;
    private DateOnly? _residentTo;
    private int _unit0;
    private int _unit1;
    private DateOnly? _switchOn;
    private string _personId = string.Empty;

    public PersonSimulator(GenerationOptions options, DatasetWriters writers, AreaTallies tallies)
    {
        _options = options;
        _w = writers;
        _tallies = tallies;
        _identityOrdinals = new int[(new DateOnly(2100, 1, 1).DayNumber - IdentityEpoch.DayNumber) * 2];
    }

    /// <summary>Survey response numbers, shared with the partner survey written afterwards.</summary>
    public long Responses { get; set; }

    private DateOnly Start => _options.WindowStart;

    private DateOnly End => _options.WindowEnd;

    private DateOnly LastDay => _residentTo ?? End;

    private int UnitAt(DateOnly date) => _switchOn is { } s && date >= s ? _unit1 : _unit0;

    private bool AllianceAt(DateOnly date) => date.Year >= AllianceStartYear && _units[UnitAt(date)].IsAlliance;

    /// <summary>0 before the alliance, 0.6 in its first (partial) year, 1 afterwards.</summary>
    private static double Effect(int year) => year < AllianceStartYear ? 0 : year == AllianceStartYear ? 0.6 : 1;

    private double AllianceBlend(DateOnly date, double elsewhere, double alliance) =>
        AllianceAt(date) ? elsewhere + (Effect(date.Year) * (alliance - elsewhere)) : elsewhere;

    private DateOnly RandomDate(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(_r.Next(to.DayNumber - from.DayNumber + 1));

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    public void Simulate(long index)
    {
        _r.Reset(_options.Seed, (ulong)index + 1);
        var ageAtEnd = Demography.SampleAge(_r);
        var male = !_r.Chance(Demography.FemaleShare(ageAtEnd));
        _birth = End.AddYears(-ageAtEnd).AddDays(-_r.Next(365));
        _personId = AssignIdentity(male);

        ChooseResidence();
        WritePerson(male);
        WriteListings();

        // Diseases are drawn at the window's end (prevalence by age) and dated backwards.
        var t2d = _r.Chance(Demography.DiabetesPrevalence(ageAtEnd)) ? OnsetDate(ageAtEnd) : (DateOnly?)null;
        var chd = _r.Chance(Demography.CoronaryPrevalence(ageAtEnd) * (t2d is null ? 0.93 : 1.8)) ? OnsetDate(ageAtEnd) : (DateOnly?)null;
        WriteDiagnoses(t2d, chd, ageAtEnd);

        SimulateCarePeriods();
        WriteCarePeriods();

        var hba1cBase = _r.Normal(47.5, 9);
        var ldlBase = chd is not null ? _r.Normal(1.6, 0.45) : _r.Normal(2.15, 0.6);
        for (var year = _options.FromYear; year <= _options.ToYear; year++)
        {
            SimulateYear(year, male, t2d, chd, hba1cBase, ldlBase);
        }
    }

    private string AssignIdentity(bool male)
    {
        while (true)
        {
            var slot = ((_birth.DayNumber - IdentityEpoch.DayNumber) * 2) + (male ? 1 : 0);
            var code = SyntheticHenkilotunnus.Synthetic(_birth, male, _identityOrdinals[slot]);
            if (code is not null)
            {
                _identityOrdinals[slot]++;
                return code;
            }

            // This birth date's synthetic numbers are used up: a day earlier.
            _birth = _birth.AddDays(-1);
        }
    }

    private void ChooseResidence()
    {
        if (_birth >= Start)
        {
            _residentFrom = _birth;
        }
        else if (_r.Chance(0.10))
        {
            _residentFrom = RandomDate(Start, End); // moved to Tampere during the window
        }
        else
        {
            _residentFrom = Max(_birth, RandomDate(Start.AddYears(-12), Start.AddDays(-1)));
        }

        _residentTo = null;
        for (var year = Math.Max(_residentFrom.Year, _options.FromYear); year <= _options.ToYear; year++)
        {
            if (_r.Chance(Demography.AnnualMortality(year - _birth.Year)))
            {
                _residentTo = RandomDate(Max(_residentFrom, new DateOnly(year, 1, 1)), new DateOnly(year, 12, 31));
                break;
            }
        }

        if (_r.Chance(0.07))
        {
            var movedOut = RandomDate(Max(_residentFrom, Start), End);
            if (_residentTo is null || movedOut < _residentTo)
            {
                _residentTo = movedOut;
            }
        }

        _unit0 = _r.Pick(_unitShares);
        _unit1 = _unit0;
        _switchOn = null;
        if (_r.Chance(0.04))
        {
            var on = RandomDate(Max(_residentFrom, Start).AddDays(30), End);
            if (on <= LastDay)
            {
                _switchOn = on;
                while (_unit1 == _unit0)
                {
                    _unit1 = _r.Pick(_unitShares);
                }
            }
        }
    }

    private void WritePerson(bool male)
    {
        var unit = _units[_unit0];
        var postal = unit.PostalCodes[_r.Next(unit.PostalCodes.Length)];
        _w.Persons.Text(_personId);

        // A few source systems leave birth date or sex out; the importer derives them from the code.
        _ = _r.Chance(0.03) ? _w.Persons.Empty() : _w.Persons.Date(_birth);
        _ = _r.Chance(0.03) ? _w.Persons.Empty() : _w.Persons.Text(male ? "M" : "F");
        _w.Persons.Text(TampereUnits.MunicipalityCode).Text(postal).EndRow();
    }

    private void WriteListings()
    {
        var first = _w.Listings.Text(_personId).Text(_units[_unit0].Id).Date(_residentFrom);
        if (_switchOn is { } on)
        {
            first.Date(on.AddDays(-1)).EndRow();
            _w.Listings.Text(_personId).Text(_units[_unit1].Id).Date(on).Date(_residentTo).EndRow();
        }
        else
        {
            first.Date(_residentTo).EndRow();
        }
    }

    private DateOnly OnsetDate(int ageAtEnd)
    {
        var earliest = _birth.AddYears(Math.Min(25, Math.Max(18, ageAtEnd - 1)));
        var years = _r.NextDouble() * Math.Min(18.0, Math.Max(0.5, ageAtEnd - 25));
        var onset = LastDay.AddDays(-(int)(years * 365.25));
        return onset < earliest ? Min(earliest, LastDay) : onset;
    }

    private void WriteDiagnosis(string code, DateOnly on)
    {
        var row = _w.Diagnoses.Text(_personId).Text(code).Date(on);
        _ = on >= _residentFrom && on <= LastDay ? row.Text(_units[UnitAt(on)].Id) : row.Empty();
        row.EndRow();
    }

    private void WriteDiagnoses(DateOnly? t2d, DateOnly? chd, int ageAtEnd)
    {
        if (t2d is { } diabetes)
        {
            WriteDiagnosis(DiabetesCodes[_r.Next(DiabetesCodes.Length)], diabetes);
        }

        if (chd is { } coronary)
        {
            WriteDiagnosis(CoronaryCodes[_r.Next(CoronaryCodes.Length)], coronary);
        }

        // Background: type 1 diabetes (must not count as T2D) and hypertension.
        if (ageAtEnd >= 3 && _r.Chance(0.005))
        {
            WriteDiagnosis("E10.9", RandomDate(Max(_birth.AddYears(2), _residentFrom), LastDay));
        }

        if (ageAtEnd >= 40 && _r.Chance(ageAtEnd >= 60 ? 0.25 : 0.08))
        {
            WriteDiagnosis("I10", RandomDate(Max(_birth.AddYears(35), _residentFrom), LastDay));
        }
    }

    private static double HomeCareHazard(int age) => age switch
    {
        < 65 => 0,
        < 70 => 0.004,
        < 75 => 0.01,
        < 80 => 0.025,
        < 85 => 0.06,
        < 90 => 0.11,
        _ => 0.17,
    };

    /// <summary>Home care, then perhaps enhanced service housing, from four years before the window.</summary>
    private void SimulateCarePeriods()
    {
        _periods.Clear();
        var state = 0;
        var since = default(DateOnly);
        for (var year = _options.FromYear - 4; year <= _options.ToYear; year++)
        {
            var age = year - _birth.Year;
            var lo = Max(new DateOnly(year, 1, 1), _residentFrom);
            var hi = Min(new DateOnly(year, 12, 31), LastDay);
            if (age < 65 || lo > hi)
            {
                continue;
            }

            if (state == 0 && _r.Chance(HomeCareHazard(age)))
            {
                since = RandomDate(lo, hi);
                state = 1;
            }
            else if (state == 0 && age >= 80 && _r.Chance(0.006))
            {
                since = RandomDate(lo, hi);
                state = 2;
            }
            else if (state == 1 && _r.Chance(0.13) && since.AddDays(60) <= hi)
            {
                var moved = RandomDate(Max(lo, since.AddDays(60)), hi);
                _periods.Add(new CarePeriod("home_care", since, moved.AddDays(-1), UnitAt(since)));
                since = moved;
                state = 2;
            }
        }

        if (state != 0)
        {
            _periods.Add(new CarePeriod(state == 1 ? "home_care" : "service_housing", since, _residentTo, UnitAt(since)));
        }
    }

    private void WriteCarePeriods()
    {
        var adlh = _r.Between(0, 3);
        foreach (var period in _periods)
        {
            var unitId = _units[period.Unit].Id;
            _w.ServicePeriods.Text(_personId).Text(unitId).Text(period.Service).Date(period.Start).Date(period.End).EndRow();

            // RAI assessments about every six months; the window's ones are written.
            if (period.Service == "service_housing")
            {
                adlh = Math.Max(adlh, _r.Between(2, 4));
            }

            var last = Min(period.End ?? End, End);
            for (var on = period.Start.AddDays(14); on <= last; on = on.AddDays(_r.Between(165, 200)))
            {
                if (on >= Start)
                {
                    WriteAssessments(unitId, on, adlh);
                }

                var alliance = on.Year >= AllianceStartYear && _units[period.Unit].IsAlliance;
                var worse = alliance ? 0.19 : 0.30;
                var better = alliance ? 0.17 : 0.10;
                var x = _r.NextDouble();
                adlh = Math.Clamp(x < worse ? adlh + 1 : x < worse + better ? adlh - 1 : adlh, 0, 6);
            }

            if (period.Service == "home_care")
            {
                WriteHomeCareVisits(period, unitId);
            }
        }
    }

    private void WriteAssessments(string unitId, DateOnly on, int adlh)
    {
        _w.Assessments.Text(_personId).Text("ADLH").Whole(adlh).Date(on).Text(unitId).EndRow();
        if (_r.Chance(0.6))
        {
            _w.Assessments.Text(_personId).Text("CPS").Whole(Math.Clamp(adlh + _r.Between(-2, 1), 0, 6)).Date(on).Text(unitId).EndRow();
        }

        if (_r.Chance(0.3))
        {
            _w.Assessments.Text(_personId).Text("MAPLE").Whole(Math.Clamp((adlh / 2) + _r.Between(1, 2), 1, 5)).Date(on).Text(unitId).EndRow();
        }

        if (_r.Chance(0.15))
        {
            _w.Assessments.Text(_personId).Text("IADL").Whole(Math.Clamp((adlh * 6) + _r.Between(-4, 10), 0, 48)).Date(on).Text(unitId).EndRow();
        }
    }

    private void WriteHomeCareVisits(CarePeriod period, string unitId)
    {
        var from = Max(period.Start, Start);
        var to = Min(period.End ?? End, End);
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var lo = Max(month, from);
            var hi = Min(month.AddMonths(1).AddDays(-1), to);
            var visits = _r.Poisson(2.0 * (hi.DayNumber - lo.DayNumber + 1) / 30.0);
            for (var i = 0; i < visits; i++)
            {
                var on = RandomDate(lo, hi);
                WriteVisit(unitId, "home_care", on, _r.Chance(0.7) ? "practical_nurse" : "nurse", Cost(48, 0.2, on.Year), false);
            }
        }
    }

    private decimal Cost(double median, double sigma, int year) =>
        Math.Round((decimal)(_r.LogNormal(median, sigma) * Math.Pow(1.025, year - 2017)), 2);

    private void WriteVisit(string unitId, string service, DateOnly on, string professional, decimal? cost, bool urgent)
    {
        var row = _w.Visits.Id("V", ++_visits).Text(_personId).Text(unitId).Text(service).Date(on).Text(professional);
        _ = cost is { } euros ? row.Money(euros) : row.Empty();
        row.Flag(urgent, BooleanStyle.Finnish).EndRow();
    }

    private void SimulateYear(int year, bool male, DateOnly? t2d, DateOnly? chd, double hba1cBase, double ldlBase)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        var lo = Max(new DateOnly(year, 1, 1), _residentFrom);
        var hi = Min(yearEnd, LastDay);
        if (lo > hi)
        {
            return;
        }

        if (_residentFrom <= yearEnd && (_residentTo is null || _residentTo > yearEnd))
        {
            _tallies.CountResident(year, UnitAt(yearEnd), Demography.AgeAt(_birth, yearEnd), male, _birth.Year);
        }

        var mid = lo.AddDays((hi.DayNumber - lo.DayNumber) / 2);
        var age = Demography.AgeAt(_birth, mid);
        var days = hi.DayNumber - lo.DayNumber + 1;
        var share = days / 365.0;
        var patient = (t2d is { } a && a <= hi) || (chd is { } c && c <= hi);

        // Care clients this year: the overlap of their care periods with the year.
        var careLo = hi;
        var careHi = lo;
        foreach (var p in _periods)
        {
            var pLo = Max(p.Start, lo);
            var pHi = Min(p.End ?? hi, hi);
            if (pLo <= pHi)
            {
                careLo = Min(careLo, pLo);
                careHi = Max(careHi, pHi);
            }
        }

        var careShare = careLo <= careHi ? (careHi.DayNumber - careLo.DayNumber + 1) / 365.0 : 0;
        var heavy = AllianceBlend(mid, 1.0, Math.Max(0.78, 1.0 - (0.03 * (year - 2017))));

        var primary = (age switch { < 7 => 1.8, < 18 => 0.8, < 65 => 1.1, < 75 => 2.0, _ => 3.0 }) + (patient ? 1.5 : 0);
        var dental = age < 18 ? 0.9 : 0.5;
        var emergency = age switch { < 65 => 0.10, < 75 => 0.18, _ => 0.35 };
        var hospital = age switch { < 65 => 0.04, < 75 => 0.10, _ => 0.20 };
        var specialist = (age switch { < 50 => 0.2, < 65 => 0.35, _ => 0.55 }) + (patient ? 0.3 : 0);

        for (var i = _r.Poisson(primary * share); i > 0; i--)
        {
            var on = RandomDate(lo, hi);
            var x = _r.NextDouble();
            var (professional, median) = x < 0.45 ? ("doctor", 115.0) : x < 0.9 ? ("nurse", 58.0) : ("physiotherapist", 70.0);
            var urgent = _r.Chance(0.25);
            WriteVisit(_units[UnitAt(on)].Id, "primary_care", on, professional, _r.Chance(0.02) ? null : Cost(median, 0.25, year), urgent);
            MaybeAnswerNps(on, "primary_care");
        }

        DateOnly? firstDental = null;
        for (var i = _r.Poisson(dental * share); i > 0; i--)
        {
            var on = RandomDate(lo, hi);
            firstDental = firstDental is { } f && f < on ? f : on;
            WriteVisit(_units[UnitAt(on)].Id, "dental", on, _r.Chance(0.7) ? "dentist" : "dental_hygienist", Cost(95, 0.5, year), false);
            MaybeAnswerNps(on, "dental");
        }

        HeavyVisits("emergency", emergency, 0.9, 430, 0.5, share, careShare, lo, hi, careLo, careHi, heavy, year);
        HeavyVisits("hospital", hospital, 0.45, 3800, 0.8, share, careShare, lo, hi, careLo, careHi, heavy, year);
        for (var i = _r.Poisson(specialist * share * heavy); i > 0; i--)
        {
            var on = RandomDate(lo, hi);
            WriteVisit(_units[UnitAt(on)].Id, "specialist", on, "doctor", Cost(380, 0.5, year), false);
        }

        for (var i = _r.Poisson((0.06 * share) + (0.5 * careShare)); i > 0; i--)
        {
            var on = RandomDate(lo, hi);
            WriteVisit(_units[UnitAt(on)].Id, "social", on, "social_worker", Cost(85, 0.3, year), false);
        }

        for (var i = _r.Poisson(0.1 * share); i > 0; i--)
        {
            var on = RandomDate(lo, hi);
            WriteVisit(_units[UnitAt(on)].Id, "other", on, _r.Chance(0.5) ? "psychologist" : "physiotherapist", Cost(70, 0.3, year), false);
        }

        if (age >= 18 && firstDental is { } dentalOn && _r.Chance(AllianceBlend(dentalOn, 0.52, 0.74)))
        {
            WritePlan("dental", dentalOn);
        }

        if (age >= 18 && _r.Chance(0.015 * share))
        {
            WritePlan("other", RandomDate(lo, hi));
        }

        if (patient)
        {
            ChronicCare(year, lo, hi, mid, t2d, chd, hba1cBase, ldlBase);
        }
        else if (age >= 40 && _r.Chance(0.06 * share))
        {
            WriteLdl(RandomDate(lo, hi), _r.Normal(3.0, 0.8));
        }

    }

    private void HeavyVisits(string service, double rate, double careRate, double median, double sigma, double share, double careShare,
        DateOnly lo, DateOnly hi, DateOnly careLo, DateOnly careHi, double heavy, int year)
    {
        for (var i = _r.Poisson(rate * Math.Max(0, share - careShare) * heavy); i > 0; i--)
        {
            var on = RandomDate(lo, hi);
            WriteVisit(_units[UnitAt(on)].Id, service, on, "doctor", Cost(median, sigma, year), service == "emergency");
        }

        if (careShare > 0)
        {
            var careHeavy = AllianceBlend(careLo, 1.0, 0.8);
            for (var i = _r.Poisson(careRate * careShare * careHeavy); i > 0; i--)
            {
                var on = RandomDate(careLo, careHi);
                WriteVisit(_units[UnitAt(on)].Id, service, on, "doctor", Cost(median, sigma, year), service == "emergency");
            }
        }
    }

    private void MaybeAnswerNps(DateOnly visitOn, string service)
    {
        if (!_r.Chance(0.07))
        {
            return;
        }

        var answered = Min(visitOn.AddDays(_r.Next(3)), End);
        var promoters = AllianceBlend(visitOn, 0.50, 0.64);
        var detractors = AllianceBlend(visitOn, 0.23, 0.12);
        var x = _r.NextDouble();
        var score = x < promoters ? (_r.Chance(0.55) ? 10 : 9)
            : x < 1 - detractors ? _r.Between(7, 8)
            : _r.Chance(0.6) ? _r.Between(5, 6) : _r.Between(0, 4);
        _w.SurveyResponses.Id("R", ++Responses).Text("nps").Text(_units[UnitAt(visitOn)].Id).Date(answered).Whole(score).Text(service).EndRow();
    }

    private void ChronicCare(int year, DateOnly lo, DateOnly hi, DateOnly mid, DateOnly? t2d, DateOnly? chd, double hba1cBase, double ldlBase)
    {
        var diabetic = t2d is { } a && a <= hi;
        var coronary = chd is { } c && c <= hi;
        var from = Max(lo, Min(t2d ?? hi, chd ?? hi));
        var alliance = AllianceAt(mid) ? Effect(year) : 0;

        if (diabetic && _r.Chance(AllianceBlend(mid, 0.80, 0.88)))
        {
            for (var n = 1 + _r.Poisson(0.5); n > 0; n--)
            {
                var mmolPerMol = Math.Clamp(hba1cBase - (2.0 * alliance) + _r.Normal(0, 5), 28, 130);
                var on = RandomDate(Max(lo, t2d!.Value), hi);
                var row = _w.LabResults.Text(_personId);
                if (_r.Chance(0.35))
                {
                    row.Text("4548-4").Number((mmolPerMol / 10.929) + 2.15, 1).Text("%");
                }
                else
                {
                    row.Text("59261-8").Number(Math.Round(mmolPerMol), 0).Text("mmol/mol");
                }

                row.Date(on).Id("L", ++_results).EndRow();
            }
        }

        if (_r.Chance(AllianceBlend(mid, 0.78, 0.86)))
        {
            for (var n = 1 + _r.Poisson(0.3); n > 0; n--)
            {
                WriteLdl(RandomDate(from, hi), ldlBase - (0.1 * alliance) + _r.Normal(0, 0.3));
            }
        }

        if (!_r.Chance(AllianceBlend(mid, 0.55, 0.76)))
        {
            return;
        }

        var planOn = RandomDate(from, hi);
        if (diabetic && coronary)
        {
            var x = _r.NextDouble();
            if (x < 0.55)
            {
                WritePlan("chronic", planOn);
            }
            else
            {
                WritePlan("diabetes", planOn);
                if (x < 0.9)
                {
                    WritePlan("coronary", planOn);
                }
            }
        }
        else
        {
            WritePlan(_r.Chance(0.2) ? "chronic" : diabetic ? "diabetes" : "coronary", planOn);
        }
    }

    private void WriteLdl(DateOnly on, double mmolPerLitre)
    {
        var value = Math.Clamp(mmolPerLitre, 0.4, 8);
        var row = _w.LabResults.Text(_personId);
        if (_r.Chance(0.15))
        {
            row.Text(_r.Chance(0.8) ? "18262-6" : "13457-7").Number(Math.Round(value * 38.67), 0).Text("mg/dl");
        }
        else
        {
            row.Text("22748-8").Number(value, 1).Text("mmol/l");
        }

        row.Date(on).Id("L", ++_results).EndRow();
    }

    private void WritePlan(string type, DateOnly createdOn)
    {
        var row = _w.CarePlans.Text(_personId).Text(type).Date(createdOn);
        var reviewed = createdOn.AddDays(_r.Between(60, 300));
        _ = _r.Chance(0.35) && reviewed <= LastDay && reviewed <= End ? row.Date(reviewed) : row.Empty();
        row.Text(_units[UnitAt(createdOn)].Id).EndRow();
    }

    private readonly record struct CarePeriod(string Service, DateOnly Start, DateOnly? End, int Unit);
}
