using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Allianssi.Import.Synthetic;

namespace Allianssi.Import.Tests.Synthetic;

public sealed class SyntheticDataGeneratorTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    /// <summary>The required (bold) columns of every dataset in shared/spec/data-model.md.</summary>
    public static TheoryData<string, string[]> RequiredColumns => new()
    {
        { "units", ["unit_id", "name", "municipality_code", "kind"] },
        { "persons", ["person_id", "municipality_code"] },
        { "listings", ["person_id", "unit_id", "valid_from"] },
        { "diagnoses", ["person_id", "code", "recorded_on"] },
        { "lab_results", ["person_id", "test_code", "value", "unit", "sampled_on"] },
        { "care_plans", ["person_id", "plan_type", "created_on"] },
        { "visits", ["visit_id", "person_id", "unit_id", "service", "visit_on"] },
        { "service_periods", ["person_id", "unit_id", "service", "start_on"] },
        { "assessments", ["person_id", "instrument", "score", "assessed_on"] },
        { "calendars", ["snapshot_on", "unit_id", "professional_id", "professional_group"] },
        { "slots", ["snapshot_on", "unit_id", "professional_id", "slot_start", "status", "kind"] },
        { "survey_responses", ["response_id", "survey", "unit_id", "answered_on", "score"] },
        { "reported_values", ["indicator_id", "unit_id", "year", "value"] },
        { "ledger", ["entry_id", "party_id", "booked_on", "amount_eur", "reimbursable"] },
        { "population", ["year", "municipality_code", "age_group", "sex", "count"] },
    };

    private static readonly Regex FinnishDate = new(@"^\d{1,2}\.\d{1,2}\.\d{4}$", RegexOptions.CultureInvariant);
    private static readonly Regex FinnishTimestamp = new(@"^\d{1,2}\.\d{1,2}\.\d{4} \d{2}:\d{2}$", RegexOptions.CultureInvariant);
    private static readonly Regex DecimalComma = new(@"^-?\d+(,\d+)?$", RegexOptions.CultureInvariant);

    [Theory]
    [MemberData(nameof(RequiredColumns))]
    public void GivenAGeneratedSet_ThenEveryDatasetFileHasItsRequiredColumns(string dataset, string[] required)
    {
        var (header, rows) = GeneratedCsv.Read(data.Directory, dataset);

        Assert.Subset(header.ToHashSet(), required.ToHashSet());
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(header.Length, row.Length));
    }

    [Fact]
    public void GivenAGeneratedSet_ThenEveryDatasetOfTheDataModelIsWrittenAndNoPartialFileRemains()
    {
        var names = data.Summary.Files.Select(f => f.Dataset).ToArray();

        Assert.Equal(RequiredColumns.Select(r => (string)r[0]).Order(), names.Order());
        Assert.All(data.Summary.Files, f => Assert.True(File.Exists(f.Path)));
        Assert.Empty(Directory.GetFiles(data.Directory, "*.partial"));
    }

    [Fact]
    public void GivenTheSameSeed_WhenGeneratedTwice_ThenEveryFileHasTheSameBytes_AndAnotherSeedDiffers()
    {
        var options = new GenerationOptions(Residents: 1_500, Seed: 42, FromYear: 2018, ToYear: 2019);
        var first = Generate(options);
        var second = Generate(options);
        var other = Generate(options with { Seed = 43 });
        try
        {
            foreach (var (dataset, _) in SyntheticDatasets.All)
            {
                Assert.Equal(Hash(first, dataset), Hash(second, dataset));
            }

            Assert.NotEqual(Hash(first, "persons"), Hash(other, "persons"));
        }
        finally
        {
            Directory.Delete(first, true);
            Directory.Delete(second, true);
            Directory.Delete(other, true);
        }
    }

    [Fact]
    public void GivenGeneratedPersons_ThenEveryIdentityCodeIsValidSyntheticUniqueAndMatchesSex()
    {
        var persons = GeneratedCsv.Rows(data.Directory, "persons").ToList();

        Assert.Equal(GeneratedDataSet.Options.Residents, persons.Select(p => p["person_id"]).Distinct().Count());
        Assert.All(persons, p =>
        {
            var code = p["person_id"];
            Assert.True(SyntheticHenkilotunnus.IsValid(code, out var birth, out var individual));
            Assert.InRange(individual, 900, 999);

            // Independent of the implementation: DDMMYYZZZ mod 31.
            var nine = long.Parse(code[..6] + code[7..10]);
            Assert.Equal("0123456789ABCDEFHJKLMNPRSTUVWXY"[(int)(nine % 31)], code[10]);
            if (p["sex"].Length > 0)
            {
                Assert.Equal(individual % 2 == 1 ? "M" : "F", p["sex"]);
            }

            if (p["birth_date"].Length > 0)
            {
                Assert.Equal(birth, GeneratedCsv.Date(p["birth_date"]));
            }
        });
    }

    [Fact]
    public void GivenTheDefaultShares_ThenTheAllianceUnitListsAboutTenPercentOfResidents()
    {
        var firstListing = GeneratedCsv.Rows(data.Directory, "listings")
            .GroupBy(l => l["person_id"])
            .Select(g => g.First()["unit_id"])
            .ToList();

        var share = firstListing.Count(u => u == TampereUnits.AllianceUnitId) / (double)firstListing.Count;

        Assert.InRange(share, 0.085, 0.115);
        Assert.Equal(GeneratedDataSet.Options.Residents, firstListing.Count);
    }

    [Fact]
    public void GivenAdultsAtTheWindowEnd_ThenTypeTwoDiabetesPrevalenceIsFiveToNinePercent_AndCoronaryAboutFour()
    {
        var end = GeneratedDataSet.Options.WindowEnd;
        var adults = GeneratedCsv.Rows(data.Directory, "persons")
            .Where(p => SyntheticHenkilotunnus.IsValid(p["person_id"], out var birth, out _) && Demography.AgeAt(birth, end) >= 18)
            .Select(p => p["person_id"])
            .ToHashSet();
        var diagnoses = GeneratedCsv.Rows(data.Directory, "diagnoses").ToList();

        double Prevalence(Func<string, bool> code) =>
            diagnoses.Where(d => code(d["code"]) && adults.Contains(d["person_id"])).Select(d => d["person_id"]).Distinct().Count() / (double)adults.Count;

        Assert.InRange(Prevalence(c => c.StartsWith("E11", StringComparison.Ordinal)), 0.05, 0.09);
        Assert.InRange(Prevalence(c => c[..3] is "I20" or "I21" or "I22" or "I23" or "I24" or "I25"), 0.025, 0.055);
    }

    [Fact]
    public void GivenEveryFile_ThenItIsWindows1252WithSemicolonsAndCrLf_NotUtf8()
    {
        foreach (var file in data.Summary.Files)
        {
            var bytes = File.ReadAllBytes(file.Path);
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, file.Dataset + " has a UTF-8 BOM");
            _ = FinnishCsvWriter.Windows1252.GetString(bytes); // throws on bytes 1252 does not define
            var firstLine = FinnishCsvWriter.Windows1252.GetString(bytes).Split("\r\n")[0];
            Assert.Equal(string.Join(';', SyntheticDatasets.ColumnsOf(file.Dataset)), firstLine);
        }

        // 'ä' as the single byte 0xE4, not UTF-8's C3 A4.
        var units = File.ReadAllBytes(Path.Combine(data.Directory, "units.csv"));
        Assert.Contains((byte)0xE4, units);
        Assert.DoesNotContain((byte)0xC3, units);
    }

    [Theory]
    [InlineData("listings", "valid_from")]
    [InlineData("diagnoses", "recorded_on")]
    [InlineData("lab_results", "sampled_on")]
    [InlineData("care_plans", "created_on")]
    [InlineData("visits", "visit_on")]
    [InlineData("service_periods", "start_on")]
    [InlineData("assessments", "assessed_on")]
    [InlineData("calendars", "snapshot_on")]
    [InlineData("survey_responses", "answered_on")]
    [InlineData("ledger", "booked_on")]
    public void GivenDateColumns_ThenTheyAreFinnishDates(string dataset, string column)
    {
        Assert.All(GeneratedCsv.Rows(data.Directory, dataset), r => Assert.Matches(FinnishDate, r[column]));
    }

    [Fact]
    public void GivenSlotStarts_ThenTheyAreFinnishTimestamps()
    {
        Assert.All(GeneratedCsv.Rows(data.Directory, "slots").Take(50_000), r => Assert.Matches(FinnishTimestamp, r["slot_start"]));
    }

    [Theory]
    [InlineData("lab_results", "value")]
    [InlineData("visits", "cost_eur")]
    [InlineData("ledger", "amount_eur")]
    [InlineData("reported_values", "value")]
    public void GivenNumericColumns_ThenTheyUseADecimalComma(string dataset, string column)
    {
        var values = GeneratedCsv.Rows(data.Directory, dataset).Select(r => r[column]).Where(v => v.Length > 0).ToList();

        Assert.All(values, v => Assert.Matches(DecimalComma, v));
        Assert.Contains(values, v => v.Contains(',', StringComparison.Ordinal));
    }

    [Fact]
    public void GivenTheLedger_ThenEveryPartyHasMonthlyLines_WithNonReimbursableLinesAndCredits()
    {
        var ledger = GeneratedCsv.Rows(data.Directory, "ledger").ToList();

        Assert.Equal(["mehilainen", "setlementti", "tampere"], ledger.Select(l => l["party_id"]).Distinct().Order());
        Assert.Contains(ledger, l => l["reimbursable"] == "ei");
        Assert.Contains(ledger, l => l["amount_eur"].StartsWith('-'));
        Assert.Contains(ledger, l => l["description"].Contains(';', StringComparison.Ordinal));
        Assert.Equal(ledger.Count, ledger.Select(l => l["entry_id"]).Distinct().Count());
    }

    [Fact]
    public void GivenSchoolHealthValues_ThenTheyArePublishedInEvenYearsOnly()
    {
        var reported = GeneratedCsv.Rows(data.Directory, "reported_values").ToList();

        Assert.All(reported, r => Assert.Equal(0, int.Parse(r["year"]) % 2));
        Assert.Equal(["ktk_4_5", "ktk_8_9"], reported.Select(r => r["indicator_id"]).Distinct().Order());
    }

    [Fact]
    public void GivenDoctorsCalendars_ThenTheAllianceUnitsThirdFreeSlotIsUnderFourteenDays_AndOthersAboutThirty()
    {
        var t3 = ThirdFreeSlotByUnit(data.Directory, 2020);

        Assert.InRange(t3[TampereUnits.AllianceUnitId], 0, 13.9);
        var others = t3.Where(kv => kv.Key != TampereUnits.AllianceUnitId).Select(kv => kv.Value).ToList();
        Assert.InRange(others.Average(), 24, 36);
    }

    [Fact]
    public void GivenChronicPatients_ThenTheAllianceUnitHasMoreCarePlansThanTheOthers()
    {
        var listedUnit = GeneratedCsv.Rows(data.Directory, "listings").GroupBy(l => l["person_id"]).ToDictionary(g => g.Key, g => g.First()["unit_id"]);
        var patients = GeneratedCsv.Rows(data.Directory, "diagnoses")
            .Where(d => d["code"].StartsWith("E11", StringComparison.Ordinal) || d["code"].StartsWith("I25", StringComparison.Ordinal))
            .Select(d => d["person_id"]).ToHashSet();
        var withPlan = GeneratedCsv.Rows(data.Directory, "care_plans")
            .Where(p => p["plan_type"] is "diabetes" or "coronary" or "chronic" && p["created_on"].EndsWith("2020", StringComparison.Ordinal))
            .Select(p => p["person_id"]).ToHashSet();

        double Coverage(bool alliance)
        {
            var group = patients.Where(p => (listedUnit[p] == TampereUnits.AllianceUnitId) == alliance).ToList();
            return group.Count(withPlan.Contains) / (double)group.Count;
        }

        Assert.True(Coverage(alliance: true) > Coverage(alliance: false) + 0.1);
    }

    [Fact]
    public async Task GivenCancellation_WhenGenerating_ThenNoCsvFileIsLeftBehind()
    {
        var directory = Path.Combine(Path.GetTempPath(), "allianssi-generator-" + Guid.NewGuid().ToString("N"));
        using var cancellation = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            if (p.Phase == GenerationPhase.Persons)
            {
                cancellation.Cancel();
            }
        });
        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                SyntheticDataGenerator.GenerateAsync(new GenerationOptions(Residents: 10_000, FromYear: 2024, ToYear: 2024), directory, progress, cancellation.Token));
            Assert.Empty(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void GivenProgress_ThenPhasesArriveInOrderAndPersonsCountUpToTheTotal()
    {
        var reports = new List<GenerationProgress>();
        var directory = Generate(new GenerationOptions(Residents: 5_000, FromYear: 2025, ToYear: 2025), new InlineProgress(reports.Add));
        Directory.Delete(directory, true);

        Assert.Equal(reports.Select(r => r.Phase).Order(), reports.Select(r => r.Phase));
        Assert.Equal(GenerationPhase.Done, reports[^1].Phase);
        Assert.Equal(5_000, reports[^1].PersonsDone);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    internal static Dictionary<string, double> ThirdFreeSlotByUnit(string directory, int year)
    {
        var doctors = GeneratedCsv.Rows(directory, "calendars")
            .Where(c => c["professional_group"] == "doctor" && c["snapshot_on"].EndsWith(year.ToString(), StringComparison.Ordinal))
            .ToDictionary(c => (c["snapshot_on"], c["unit_id"], c["professional_id"]), c => c["uses_waiting_list"] == "1");
        var free = GeneratedCsv.Rows(directory, "slots")
            .Where(s => s["status"] == "free" && s["kind"] == "non_urgent" && doctors.ContainsKey((s["snapshot_on"], s["unit_id"], s["professional_id"])))
            .GroupBy(s => (s["snapshot_on"], s["unit_id"], s["professional_id"]))
            .ToDictionary(g => g.Key, g => g.Select(s => GeneratedCsv.Date(s["slot_start"].Split(' ')[0])).Order().ToList());
        return doctors
            .Select(d =>
            {
                var snapshot = GeneratedCsv.Date(d.Key.Item1);
                var days = free.TryGetValue(d.Key, out var dates) && dates.Count >= 3 && !d.Value ? dates[2].DayNumber - snapshot.DayNumber : 182;
                return (Snapshot: d.Key.Item1, Unit: d.Key.Item2, Days: (double)days);
            })
            .GroupBy(x => (x.Snapshot, x.Unit))
            .Select(g => (g.Key.Unit, T3: Median(g.Select(x => x.Days))))
            .GroupBy(x => x.Unit)
            .ToDictionary(g => g.Key, g => Median(g.Select(x => x.T3)));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [Fact]
    public void GivenGeneratedPopulation_WhenSummedPerMember_ThenTampereIsCountedOnce()
    {
        // The organiser's invoicing sums every population row of a member (spec section 4, P_m); the rows of
        // a municipality must therefore partition it. Tampere's rows are its units' areas, no total beside them.
        var rows = GeneratedCsv.Rows(data.Directory, "population").ToList();
        var tampereUnits = GeneratedCsv.Rows(data.Directory, "units")
            .Where(u => u["municipality_code"] == TampereUnits.MunicipalityCode).Select(u => u["unit_id"]).ToHashSet();
        long Sum(string code) => rows.Where(r => r["municipality_code"] == code).Sum(r => long.Parse(r["count"], CultureInfo.InvariantCulture));

        var tampere = rows.Where(r => r["municipality_code"] == TampereUnits.MunicipalityCode).ToList();
        Assert.All(tampere, r => Assert.Contains(r["area_id"], tampereUnits));
        Assert.Equal(tampere.Count, tampere.Select(r => (r["area_id"], r["age_group"], r["sex"])).Distinct().Count());

        // Residents on 31 December are at most the persons generated (counted twice they would be about 2x).
        var tampereTotal = Sum(TampereUnits.MunicipalityCode);
        Assert.InRange(tampereTotal, GeneratedDataSet.Options.Residents / 2, GeneratedDataSet.Options.Residents);

        // Pirkkala and Ylöjärvi are 8 % and 13 % of Tampere, each age-sex cell rounded (at most half a person each).
        var cells = Demography.AgeGroups.Count * 2;
        Assert.InRange(Sum("604"), (0.08 * tampereTotal) - (cells / 2.0), (0.08 * tampereTotal) + (cells / 2.0));
        Assert.InRange(Sum("980"), (0.13 * tampereTotal) - (cells / 2.0), (0.13 * tampereTotal) + (cells / 2.0));
    }

    private static string Generate(GenerationOptions options, IProgress<GenerationProgress>? progress = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "allianssi-generator-" + Guid.NewGuid().ToString("N"));
        SyntheticDataGenerator.Generate(options, directory, progress);
        return directory;
    }

    private static string Hash(string directory, string dataset) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, dataset + ".csv"))));

    private sealed class InlineProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
