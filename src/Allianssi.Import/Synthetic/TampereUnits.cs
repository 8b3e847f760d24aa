namespace Allianssi.Import.Synthetic;

/// <summary>A health station of the synthetic Tampere.</summary>
/// <param name="Id">unit_id.</param>
/// <param name="Name">Finnish name (exercises ä/ö in Windows-1252).</param>
/// <param name="Kind"><c>alliance</c> or <c>municipal</c>.</param>
/// <param name="Share">Share of the city's residents listed here.</param>
/// <param name="PostalCodes">Postal codes of the station's area.</param>
/// <param name="T3BaseDays">Doctors' typical third-free-slot wait before any alliance effect.</param>
public sealed record SyntheticUnit(string Id, string Name, string Kind, double Share, string[] PostalCodes, double T3BaseDays)
{
    /// <summary>True for the alliance's own unit.</summary>
    public bool IsAlliance => Kind == "alliance";
}

/// <summary>Tampere (municipality 837): the Tesoma alliance's unit and the city's own health stations.</summary>
public static class TampereUnits
{
    /// <summary>Statistics Finland's municipality code of Tampere.</summary>
    public const string MunicipalityCode = "837";

    /// <summary>The alliance unit's id.</summary>
    public const string AllianceUnitId = "tesoma";

    /// <summary>The units; the alliance's unit lists 10 % of residents, the rest share 90 %.</summary>
    public static IReadOnlyList<SyntheticUnit> All { get; } =
    [
        new("tesoma", "Tesoman hyvinvointikeskus", "alliance", 0.100, ["33310", "33330", "33340"], 24),
        new("hervanta", "Hervannan terveysasema", "municipal", 0.150, ["33720", "33710", "33730"], 31),
        new("kaleva", "Kalevan terveysasema", "municipal", 0.120, ["33530", "33540", "33520"], 29),
        new("linnainmaa", "Linnainmaan terveysasema", "municipal", 0.090, ["33580", "33560"], 27),
        new("tammela", "Tammelan terveysasema", "municipal", 0.110, ["33500", "33100", "33200"], 33),
        new("lielahti", "Lielahden terveysasema", "municipal", 0.080, ["33400", "33410", "33420"], 28),
        new("koivistonkyla", "Koivistonkylän terveysasema", "municipal", 0.090, ["33800", "33820"], 30),
        new("hatanpaa", "Hatanpään terveysasema", "municipal", 0.090, ["33900", "33210"], 32),
        new("takahuhti", "Takahuhdin terveysasema", "municipal", 0.080, ["33470", "33610"], 26),
        new("annala", "Annalan terveysasema", "municipal", 0.090, ["33840", "33850", "33870"], 30),
    ];

    /// <summary>Cumulative shares for <see cref="SyntheticRandom.Pick"/>.</summary>
    public static double[] CumulativeShares()
    {
        var cumulative = new double[All.Count];
        var sum = 0.0;
        for (var i = 0; i < All.Count; i++)
        {
            sum += All[i].Share;
            cumulative[i] = sum;
        }

        return cumulative;
    }
}
