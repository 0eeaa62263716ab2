package dev.gpuops.sandbox.ssh;

/** Log text the simulated apps print, modelled on real uvicorn, huggingface_hub and torch output. */
final class AppLogs {

    private AppLogs() {
    }

    static String programStarted(String program, int pid) {
        if (program.contains("fastapi") || program.contains("web")) {
            return uvicornStarted(pid);
        }
        if (program.contains("worker")) {
            String queue = program.contains("gpu") ? "video-processing@gpu" : "video-processing@cpu";
            return "INFO worker pid " + pid + " started; polling task queue " + queue + "\n";
        }
        return "INFO " + program + " started (pid " + pid + ")\n";
    }

    static String uvicornStarted(int pid) {
        return "INFO:     Started server process [" + pid + "]\n"
                + "INFO:     Waiting for application startup.\n"
                + "INFO:     Application startup complete.\n"
                + "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)\n";
    }

    static String modelLoading(String model) {
        return "Loading pipeline " + model + " (first boot downloads the weights)...\n";
    }

    /** Seed 003's first real error. */
    static String appCrash() {
        return "Traceback (most recent call last):\n"
                + "  File \"/app/handler.py\", line 12, in <module>\n"
                + "    from acestep.pipeline_ace_step import ACEStepPipeline\n"
                + "  File \"/app/acestep/pipeline_ace_step.py\", line 31, in <module>\n"
                + "    from vector_quantize_pytorch import ResidualFSQ\n"
                + "ModuleNotFoundError: No module named 'vector_quantize_pytorch'\n";
    }

    /** Seed 000 §6: a gated model without HF_TOKEN; uvicorn exits and /health resets. */
    static String gatedModel401(String model, int pid) {
        String url = "https://huggingface.co/" + model + "/resolve/main/model_index.json";
        return "INFO:     Started server process [" + pid + "]\n"
                + "INFO:     Waiting for application startup.\n"
                + modelLoading(model)
                + "ERROR:    Traceback (most recent call last):\n"
                + "  File \"/usr/local/lib/python3.11/site-packages/huggingface_hub/utils/_http.py\", line 409,"
                + " in hf_raise_for_status\n"
                + "    response.raise_for_status()\n"
                + "  File \"/usr/local/lib/python3.11/site-packages/requests/models.py\", line 1024, in"
                + " raise_for_status\n"
                + "    raise HTTPError(http_error_msg, response=self)\n"
                + "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: " + url + "\n"
                + "\n"
                + "The above exception was the direct cause of the following exception:\n"
                + "\n"
                + "Traceback (most recent call last):\n"
                + "  File \"/usr/local/lib/python3.11/site-packages/starlette/routing.py\", line 693, in lifespan\n"
                + "    async with self.lifespan_context(app) as maybe_state:\n"
                + "  File \"/app/server.py\", line 41, in lifespan\n"
                + "    pipe = FluxPipeline.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16)\n"
                + "  File \"/usr/local/lib/python3.11/site-packages/huggingface_hub/file_download.py\", line 1533,"
                + " in _raise_on_head_call_error\n"
                + "    raise head_call_error\n"
                + "huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID:"
                + " Root=1-6783f0a2-4c1b2e0d3f5a6b7c8d9e0f1a;2b7c1f0e-9d4a-4e52-8c3b-1a2b3c4d5e6f)\n"
                + "\n"
                + "Cannot access gated repo for url " + url + ".\n"
                + "Access to model " + model + " is restricted. You must have access to it and be authenticated to"
                + " access it. Please log in.\n"
                + "\n"
                + "ERROR:    Application startup failed. Exiting.\n";
    }

    /** Seed 000 §7: the container was started without {@code --gpus all}. */
    static String noNvidiaDriver(int pid) {
        return "\n==========\n== CUDA ==\n==========\n\n"
                + "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
                + "   Use the NVIDIA Container Toolkit to start this container with GPU support; see\n"
                + "   https://docs.nvidia.com/datacenter/cloud-native/ .\n\n"
                + "INFO:     Started server process [" + pid + "]\n"
                + "INFO:     Waiting for application startup.\n"
                + "ERROR:    Traceback (most recent call last):\n"
                + "  File \"/app/server.py\", line 38, in lifespan\n"
                + "    pipe.to(\"cuda\")\n"
                + "  File \"/usr/local/lib/python3.11/site-packages/torch/cuda/__init__.py\", line 319, in _lazy_init\n"
                + "    torch._C._cuda_init()\n"
                + "RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and"
                + " installed a driver from http://www.nvidia.com/Download/index.aspx\n"
                + "\n"
                + "ERROR:    Application startup failed. Exiting.\n";
    }
}
