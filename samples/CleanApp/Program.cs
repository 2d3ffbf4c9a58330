var builder = WebApplication.CreateBuilder(args);

// Secrets are read at runtime from a mounted file (the _FILE convention), never baked into the image.
var passwordFile = builder.Configuration["DB_PASSWORD_FILE"];
if (passwordFile is not null && File.Exists(passwordFile))
{
    builder.Configuration["ConnectionStrings:Orders"] += $";Password={File.ReadAllText(passwordFile).Trim()}";
}

var app = builder.Build();
app.MapGet("/", () => "hello from a clean container");
app.Run();
