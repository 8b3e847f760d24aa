using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Writes a decimal without the trailing zeros of its stored scale: PostgreSQL's <c>numeric(28,10)</c> reads 1.5 as
/// 1.5000000000 and SQLite as 1.5, and the API answers the same number the same way on both (6000000, not
/// 6000000.0000000000). The value is exact either way; only its scale is dropped. Reads are the default.
/// </summary>
internal sealed class DecimalJson : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString)
            ? decimal.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(Normalized(value));
    }

    /// <summary>The same value at the smallest scale that holds it (dividing by one at scale 28 drops trailing zeros).</summary>
    public static decimal Normalized(decimal value) => value / 1.0000000000000000000000000000m;
}
