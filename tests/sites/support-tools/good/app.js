document.getElementById("status").textContent = "scripted";
