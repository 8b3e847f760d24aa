namespace Allianssi.Web;

/// <summary>Marker type for the UI strings in Resources/Strings.resx (English) and Strings.fi.resx (Finnish).</summary>
#pragma warning disable CA1515 // IStringLocalizer<T> needs the type from the Razor components, which are public.
public sealed class Strings;
#pragma warning restore CA1515
