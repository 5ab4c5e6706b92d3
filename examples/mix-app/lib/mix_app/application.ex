defmodule MixApp.Application do
  @moduledoc "Nothing but a running node: the e2e check talks to it through bin/mix_app rpc and remote."
  use Application

  @impl true
  def start(_type, _args) do
    Supervisor.start_link([], strategy: :one_for_one, name: MixApp.Supervisor)
  end
end
