defmodule Chat.Store do
  @moduledoc """
  The messages this node received, in mnesia (a `disc_copies` table) under
  the directory that config/runtime.exs takes from ERLANG_DATA_DIR, the data
  volume. Each node keeps its own schema: the room, not mnesia, replicates.
  """

  def start do
    dir = Application.fetch_env!(:mnesia, :dir)

    unless File.exists?(Path.join(dir, "schema.DAT")) do
      File.mkdir_p!(dir)
      :ok = :mnesia.create_schema([node()])
    end

    :ok = :mnesia.start()

    case :mnesia.create_table(:messages, disc_copies: [node()], attributes: [:key, :text]) do
      {:atomic, :ok} -> :ok
      {:aborted, {:already_exists, :messages}} -> :ok
    end

    :ok = :mnesia.wait_for_tables([:messages], 30_000)
  end

  @doc "Stores a message durably (the pod may be killed any time after)."
  def add(text) do
    key = {System.os_time(), :erlang.unique_integer([:monotonic])}
    {:atomic, :ok} = :mnesia.sync_transaction(fn -> :mnesia.write({:messages, key, text}) end)
    :ok
  end

  @doc "Every stored message, oldest first."
  def all do
    :mnesia.dirty_match_object({:messages, :_, :_})
    |> Enum.sort()
    |> Enum.map(fn {:messages, _key, text} -> text end)
  end
end
