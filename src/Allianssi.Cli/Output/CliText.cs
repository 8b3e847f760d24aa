using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using Allianssi.Domain;
using Allianssi.Domain.Scoring;
using Spectre.Console;

namespace Allianssi.Cli.Output;

/// <summary>
/// The writing the CLI's outputs share: <c>--json</c> documents (indented, camelCase, numbers as the
/// spec's examples write them) and the readable Spectre.Console tables rendered to a string.
/// </summary>
internal static class CliText
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One indented JSON document followed by a newline.</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    /// <summary>Tables and lines written to a console without colours or prompts, <paramref name="width"/> columns wide.</summary>
    public static string Tables(int width, Action<IAnsiConsole> write)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        write(console);
        return writer.ToString();
    }

    /// <summary>A number with a fixed count of decimals, rounded half away from zero (60.43, 1.1963888889).</summary>
    public static string Fixed(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);

    /// <summary>A property holding a number with a fixed count of decimals (<see cref="Fixed(decimal, int)"/>), or null.</summary>
    public static void Fixed(this Utf8JsonWriter w, string name, decimal? value, int decimals)
    {
        w.WritePropertyName(name);
        if (value is { } v)
        {
            w.WriteRawValue(Fixed(v, decimals));
        }
        else
        {
            w.WriteNullValue();
        }
    }

    /// <summary>A property holding an amount in euros with two decimals (rounded to cents), or null.</summary>
    public static void Euros(this Utf8JsonWriter w, string name, Money? amount) => w.Fixed(name, amount?.Euros, 2);

    /// <summary>A property holding a number at full precision without trailing zeros, or null.</summary>
    public static void Exact(this Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Numbers.Normalize(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>An array property with one object per item, its properties written by <paramref name="properties"/>.</summary>
    public static void Objects<T>(this Utf8JsonWriter w, string name, IEnumerable<T> items, Action<T> properties)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            properties(item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The <c>explanation</c> array: the lines' texts.</summary>
    public static void Explanation(this Utf8JsonWriter w, IEnumerable<Explanation> lines)
    {
        w.WriteStartArray("explanation");
        foreach (var line in lines)
        {
            w.WriteStringValue(line.Text);
        }

        w.WriteEndArray();
    }

    /// <summary>Where an indicator's value came from, as the JSON names it; missing when it was not scored.</summary>
    public static string SourceName(ValueSource? source) => source switch
    {
        ValueSource.Measured => "measured",
        ValueSource.CarriedForward => "carriedForward",
        _ => "missing",
    };
}
