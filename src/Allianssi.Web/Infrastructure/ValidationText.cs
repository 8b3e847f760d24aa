using System.Globalization;
using Allianssi.Application.UseCases.Common;
using Allianssi.Domain.Scenarios;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// A use case's validation errors by field in the reader's language: a coded error from its resource
/// <c>Validation.{code}</c> with its values formatted in the reader's culture, else its invariant English text.
/// </summary>
internal static class ValidationText
{
    /// <param name="subject">The name a page shows for a party, key result area or indicator an error concerns
    /// (<see cref="ScenarioSubject"/>); without it, its id.</param>
    public static Dictionary<string, string[]> Worded<T>(IStringLocalizer<Strings> text, Outcome<T> outcome, Func<ScenarioSubject, string>? subject = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Coded.Count == 0)
        {
            return outcome.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        }

        return outcome.Coded.GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => Worded(text, e.Code, e.Arguments, e.Message, subject)).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A refusal that is not validation (not found, forbidden, a conflict) in the reader's language from its
    /// <see cref="Outcome{T}.Code"/>, or its <see cref="Outcome{T}.Message"/>.</summary>
    public static string Refusal<T>(IStringLocalizer<Strings> text, Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Worded(text, outcome.Code, outcome.Arguments, outcome.Message ?? string.Empty);
    }

    /// <summary>One coded message in the reader's language, or <paramref name="message"/> when it has no code or no text for it.</summary>
    public static string Worded(IStringLocalizer<Strings> text, string? code, IReadOnlyList<object?> arguments, string message, Func<ScenarioSubject, string>? subject = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(arguments);
        var wording = code is null ? null : text[$"Validation.{code}"];
        return wording is null || wording.ResourceNotFound
            ? message
            : string.Format(CultureInfo.CurrentCulture, wording.Value, [.. arguments.Select(a => a switch
            {
                ScenarioSubject s when subject is not null => subject(s),
                // Without the trailing zeros of the stored scale (numeric(28,10) reads 1.5 as 1.5000000000): a reader sees 1,5.
                decimal d => DecimalJson.Normalized(d),
                _ => a,
            })]);
    }
}
