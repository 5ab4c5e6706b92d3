# A minimal mix release with no dependencies (builds offline), for the e2e
# check of the mix side of our env contract: RELEASE_NODE, RELEASE_COOKIE and
# RELEASE_DISTRIBUTION from the manifests, the dist port pinned in
# rel/vm.args.eex (DistPortPin.RELEASE). See docs/e2e.md.
defmodule MixApp.MixProject do
  use Mix.Project

  def project do
    [app: :mix_app, version: "0.1.0", elixir: "~> 1.14", start_permanent: true, deps: [],
     releases: [mix_app: [include_executables_for: [:unix]]]]
  end

  def application do
    [extra_applications: [:logger], mod: {MixApp.Application, []}]
  end
end
