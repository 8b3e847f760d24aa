using System.Diagnostics.CodeAnalysis;

// "Imports" is a Visual Basic keyword; this namespace is consumed from C# only and names the area as the issue and the folder do.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Allianssi.Application.UseCases.Imports", Justification = "C# consumers only; the area's name.")]
