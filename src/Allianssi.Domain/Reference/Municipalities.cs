namespace Allianssi.Domain.Reference;

/// <summary>
/// The names of municipalities by their official three-digit code (Statistics Finland's municipality
/// classification), for the municipalities of Pirkanmaa, the wellbeing services county the reference
/// alliance belongs to. The extracts and the organiser model carry codes; a reader sees
/// <c>Tampere (837)</c>. A code not listed is shown as it is.
/// </summary>
public static class Municipalities
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["020"] = "Akaa", ["108"] = "Hämeenkyrö", ["143"] = "Ikaalinen", ["177"] = "Juupajoki", ["211"] = "Kangasala",
        ["250"] = "Kihniö", ["291"] = "Kuhmoinen", ["418"] = "Lempäälä", ["508"] = "Mänttä-Vilppula", ["536"] = "Nokia",
        ["562"] = "Orivesi", ["581"] = "Parkano", ["604"] = "Pirkkala", ["619"] = "Punkalaidun", ["635"] = "Pälkäne",
        ["702"] = "Ruovesi", ["790"] = "Sastamala", ["837"] = "Tampere", ["887"] = "Urjala", ["908"] = "Valkeakoski",
        ["922"] = "Vesilahti", ["936"] = "Virrat", ["980"] = "Ylöjärvi",
    };

    /// <summary>The municipality's name with its code after it (<c>Tampere (837)</c>); the code alone when it is not listed.</summary>
    public static string Name(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Names.TryGetValue(code, out var name) ? $"{name} ({code})" : code;
    }
}
