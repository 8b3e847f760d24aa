using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Components.Pages.Organiser;

/// <summary>
/// A field of the organiser model in the words the model form shows it: each member by its label
/// (<c>ModelField.{name}</c>, else the name itself, e.g. a municipality's code), each array item by its number
/// (<c>capitation.ageSexWeights[2].weight</c> reads "Kapitaatio › Ikä- ja sukupuolipainot › 3. › Paino"). Never the path.
/// </summary>
internal static partial class ModelPath
{
    /// <summary>The label of one member, as the form's field shows it.</summary>
    public static string Member(IStringLocalizer<Strings> text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = text["ModelField." + name];
        return word.ResourceNotFound ? name : word.Value;
    }

    /// <summary>The label of an array item (0-based index), as the form's group shows it.</summary>
    public static string Item(int index) => string.Create(CultureInfo.CurrentCulture, $"{index + 1}.");

    /// <summary>The field's labels from the model's root down; null for a path that names no field (the whole model).</summary>
    public static string? Label(IStringLocalizer<Strings> text, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = Segments().Matches(path).Select(m => m.Groups["index"].Success
            ? Item(int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture))
            : Member(text, m.Groups["name"].Value)).ToList();
        return parts.Count == 0 ? null : string.Join(" › ", parts);
    }

    /// <summary>The labels of every error's path, for <see cref="ErrorSummary"/>.</summary>
    public static IReadOnlyDictionary<string, string> Labels(IStringLocalizer<Strings> text, IEnumerable<string>? paths) =>
        (paths ?? []).Select(p => (Path: p, Label: Label(text, p))).Where(p => p.Label is not null)
            .ToDictionary(p => p.Path, p => p.Label!, StringComparer.Ordinal);

    [GeneratedRegex(@"\[(?<index>\d+)\]|(?<name>[^.\[\]$]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Segments();
}
